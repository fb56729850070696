import { LitElement, html, nothing } from 'lit'
import type { ModerationApi, QueueItem } from './api.ts'
import type { T } from './strings.ts'
import { appStyles } from './styles.ts'
import { AnnounceEvent } from './events.ts'

const KINDS = ['warn', 'suspend', 'ban', 'premod'] as const

/**
 * The modal dialog to sanction an author: the kind, an end date for a suspension, and a reason that
 * goes to the audit log. Active sanctions are listed with a button to lift each.
 *
 * Fires `palabre-announce` on success and a non-bubbling `close` when the dialog closes.
 */
export class PalabreModSanction extends LitElement {
  static override styles = [appStyles]
  static override properties = { author: { state: true }, kind: { state: true }, error: { state: true } }

  api!: ModerationApi
  t!: T
  private author: QueueItem['author'] | null = null
  private kind: (typeof KINDS)[number] = 'warn'
  private error = ''

  /** Opens the dialog for `author`. */
  async open(author: QueueItem['author']) {
    this.author = author
    this.kind = 'warn'
    this.error = ''
    await this.updateComplete
    this.renderRoot.querySelector('dialog')!.showModal()
  }

  override render() {
    const t = this.t
    if (!t) return nothing
    return html`<dialog aria-labelledby="sanction-title" @close=${() => this.dispatchEvent(new Event('close'))}>
      <form @submit=${this.submit}>
        <h2 id="sanction-title">${t('sanctionTitle', { x: this.author?.name ?? '' })}</h2>
        <fieldset>
          <legend>${t('kind')}</legend>
          ${KINDS.map(
            (k) => html`<div>
              <input type="radio" name="kind" id="kind-${k}" value=${k} .checked=${this.kind === k} @change=${() => (this.kind = k)} />
              <label for="kind-${k}" style="display:inline;font-weight:normal">${t(`kind_${k}`)}</label>
            </div>`,
          )}
        </fieldset>
        ${this.kind === 'suspend'
          ? html`<label for="until">${t('until')}</label><input id="until" type="date" required />`
          : nothing}
        <label for="sanction-reason">${t('sanctionReason')}</label>
        <textarea id="sanction-reason" required maxlength="500"></textarea>
        ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
        ${this.author?.sanctions.length
          ? html`<ul>
              ${this.author.sanctions.map((s) => html`<li>${t(`kind_${s.kind}`)} <button type="button" @click=${() => this.lift(s.id)}>${t('lift')}</button></li>`)}
            </ul>`
          : nothing}
        <div class="row">
          <button class="danger" type="submit">${t('confirm')}</button>
          <button type="button" @click=${() => this.close()}>${t('cancel')}</button>
        </div>
      </form>
    </dialog>`
  }

  private close() {
    this.renderRoot.querySelector('dialog')!.close()
  }

  private async submit(e: Event) {
    e.preventDefault()
    const reason = this.renderRoot.querySelector<HTMLTextAreaElement>('#sanction-reason')!.value.trim()
    const day = this.renderRoot.querySelector<HTMLInputElement>('#until')?.value
    // A suspension runs to the end of the chosen day, in the moderator's time zone.
    const until = day ? new Date(`${day}T23:59:59`).toISOString() : undefined
    try {
      await this.api.sanction(this.author!.id, { kind: this.kind, reason, ...(until && { until }) })
      this.dispatchEvent(new AnnounceEvent(this.t('sanctioned')))
      this.close()
    } catch (err) {
      this.error = (err as Error).message
    }
  }

  private async lift(id: string) {
    try {
      await this.api.lift(this.author!.id, id)
      this.author = { ...this.author!, sanctions: this.author!.sanctions.filter((s) => s.id !== id) }
    } catch (err) {
      this.error = (err as Error).message
    }
  }
}

if (!customElements.get('palabre-mod-sanction')) customElements.define('palabre-mod-sanction', PalabreModSanction)

declare global {
  interface HTMLElementTagNameMap {
    'palabre-mod-sanction': PalabreModSanction
  }
}
