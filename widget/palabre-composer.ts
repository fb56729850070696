import { LitElement, html, nothing } from 'lit'
import { ApiError, newKey } from './api.ts'
import type { Ctx } from './context.ts'
import { load, save } from './storage.ts'
import { base } from './styles.ts'
import { styles } from './palabre-composer.styles.ts'

/** Sends `body` with the Idempotency-Key `key`; resolves to a notice to show, or throws ApiError. */
export type Send = (body: string, key: string) => Promise<string | void>

/** A refusal shown under the field, with the text it was about. */
export type Refusal = ApiError & { text: string }

/** The refusal detail (spans, link to the rules), loaded with the first refusal. */
let detail: typeof import('./refusal.ts').refusal | undefined

interface Draft {
  t: string
  /** Idempotency-Key of an attempt whose answer never arrived: a retry must reuse it. */
  k?: string
}

/**
 * The form to write a comment, a reply or an edit. Keeps the text through every failure: a draft
 * in localStorage, the rule's message with the offending passages after a refusal, and a retry with
 * the same Idempotency-Key after a network failure.
 *
 * @event palabre-cancel - The reader closed a reply or edit form (internal, not composed).
 * @csspart button - The submit button.
 */
export class PalabreComposer extends LitElement {
  static override styles = [base, styles]

  static override properties = {
    ctx: { attribute: false },
    send: { attribute: false },
    label: {},
    submitLabel: {},
    value: {},
    draftKey: {},
    edit: { type: Boolean },
    cancellable: { type: Boolean },
    text: { state: true },
    busy: { state: true },
    error: { state: true },
    notice: { state: true },
  }

  declare ctx: Ctx
  declare send: Send
  /** Label of the text field. */
  label = ''
  submitLabel = ''
  /** Initial text (an edit). */
  value = ''
  /** localStorage key of the draft; none for edits. */
  draftKey = ''
  /** Edits need no name field. */
  edit = false
  cancellable = false

  /** @internal The text being written. */
  text = ''
  private busy = false
  private error: Refusal | null = null
  private notice = ''
  private key = ''
  /** The text `key` was made for: the same text retries with the same key. */
  private keyFor = ''

  private get area() {
    return this.renderRoot.querySelector('textarea')!
  }
  private get nameInput() {
    return this.renderRoot.querySelector<HTMLInputElement>('#n')
  }

  override willUpdate() {
    if (this.hasUpdated) return
    // First update: the draft (with the key of an attempt that got no answer) wins over `value`.
    const d = this.draftKey ? load<Draft>(this.draftKey) : null
    this.text = d?.t || this.value
    this.key = d?.k ?? ''
    this.keyFor = this.key && this.text
    if (d?.t) this.notice = this.ctx.i18n.t('draftKept')
  }

  /** Moves focus to the first field the reader has to fill. */
  override focus() {
    const n = this.nameInput
    void this.updateComplete.then(() => (n && !n.value ? n : this.area).focus())
  }

  override render() {
    const { i18n, api, maxLength } = this.ctx
    const { t } = i18n
    const who = api.identity?.reader.name
    const left = maxLength - this.text.trim().length
    const err = this.error
    return html`<form @submit=${this.submit} novalidate>
      ${
        this.edit
          ? nothing
          : who
            ? html`<p class="muted">
                ${t('as', undefined, who)}
                ${
                  api.identity?.sso
                    ? nothing
                    : html`<button type="button" @click=${() => this.ctx.signOut()}>
                        ${t('notYou')}
                      </button>`
                }
              </p>`
            : html`<div class="who">
                <label
                  >${t('name')}
                  <input
                    id="n"
                    autocomplete="nickname"
                    maxlength="60"
                    value=${load<string>('palabre:name') ?? ''}
                  />
                </label>
                <label
                  >${t('email')} <input id="e" type="email" autocomplete="email" maxlength="200"
                /></label>
              </div>`
      }
      <label for="t">${this.label}</label>
      <textarea
        id="t"
        .value=${this.text}
        aria-describedby="c m"
        aria-invalid=${err ? 'true' : 'false'}
        @input=${this.input}
        @keydown=${this.keydown}
        @focus=${() => this.ctx.rules().catch(() => null)}
      ></textarea>
      <div id="m">
        ${
          err
            ? html`<div class="error">
                <p>${err.message}</p>
                ${detail?.(this, err)}
              </div>`
            : nothing
        }
        ${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
      </div>
      <div class="row">
        <button class="primary" part="button" ?disabled=${this.busy}>
          ${this.busy ? t('sending') : err?.code === 'network' ? t('retry') : this.submitLabel}
        </button>
        ${
          this.cancellable
            ? html`<button type="button" @click=${this.cancel}>${t('cancel')}</button>`
            : nothing
        }
        <span id="c" class="count muted ${left < 0 ? 'over' : ''}">
          ${left < 0 ? t('over', -left) : t('left', left)}
        </span>
      </div>
    </form>`
  }

  /** Ctrl/Cmd+Enter sends; Escape closes a reply or edit form. */
  private keydown(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void this.submit(e)
    else if (e.key === 'Escape' && this.cancellable) this.cancel()
  }

  private input() {
    this.text = this.area.value
    this.notice = ''
    this.persist()
  }

  private persist() {
    const k = this.keyFor === this.text ? this.key : undefined
    if (this.draftKey) save(this.draftKey, this.text ? { t: this.text, k } : null)
  }

  /** Closes the form; a reply's draft stays, so reopening it brings the text back. */
  private cancel() {
    this.dispatchEvent(new Event('palabre-cancel'))
  }

  private async submit(e: Event) {
    e.preventDefault()
    if (this.busy) return
    const { i18n, api } = this.ctx
    const text = this.text
    const fail = (message: string, el: HTMLElement) => {
      this.error = Object.assign(new ApiError(400, 'input', message), { text })
      el.focus()
    }
    if (!this.edit && !api.identity) {
      const name = this.nameInput?.value.trim() ?? ''
      if (!name) return fail(i18n.t('needName'), this.nameInput ?? this.area)
    }
    if (!text.trim()) return fail(i18n.t('needText'), this.area)
    this.busy = true
    this.notice = ''
    // A retry of the same text reuses the key of the attempt whose answer was lost.
    if (!this.key || this.keyFor !== text) this.key = newKey()
    this.keyFor = text
    this.persist()
    try {
      if (!this.edit && !api.identity) {
        const name = this.nameInput!.value.trim()
        save('palabre:name', name)
        await this.ctx.signIn({
          name,
          email: this.renderRoot.querySelector<HTMLInputElement>('#e')?.value || undefined,
        })
      }
      const notice = await this.send(text, this.key)
      this.error = null
      this.key = ''
      this.text = this.edit ? text : ''
      if (this.draftKey) save(this.draftKey, null)
      this.notice = notice || ''
    } catch (err) {
      const ae = err instanceof ApiError ? err : new ApiError(0, 'error', i18n.t('error'))
      if (ae.status) this.key = ''
      this.persist()
      const message = ae.status ? ae.message : i18n.t('network')
      this.error = Object.assign(new ApiError(ae.status, ae.code, message, ae.rule, ae.spans), {
        text,
      })
      this.ctx.announce(message)
      this.area.focus()
      if (ae.rule || ae.spans)
        void import('./refusal.ts').then((m) => {
          detail = m.refusal
          this.requestUpdate()
        })
    } finally {
      this.busy = false
    }
  }
}

if (!customElements.get('palabre-composer'))
  customElements.define('palabre-composer', PalabreComposer)

declare global {
  interface HTMLElementTagNameMap {
    'palabre-composer': PalabreComposer
  }
}
