import { LitElement, html, nothing } from 'lit'
import { ApiError } from './api.ts'
import type { Ctx } from './context.ts'
import { load, save } from './storage.ts'
import { base } from './styles.ts'
import { styles } from './palabre-composer.styles.ts'

/** Sends `body` with the Idempotency-Key `key`; resolves to a notice to show, or throws ApiError. */
export type Send = (body: string, key: string) => Promise<string | void>

/** A refusal shown under the field, with the text it was about. */
export type Refusal = ApiError & { text: string }

/** Sending and the refusal detail, loaded when the reader first enters a form. */
let sender: Promise<typeof import('./send.ts')> | undefined
let sent: typeof import('./send.ts') | undefined
const loadSender = () =>
  (sender ??= import('./send.ts').then(
    (m) => (sent = m),
    (err) => {
      sender = undefined // asked again next time
      throw err
    },
  ))

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
  /** @internal */
  busy = false
  /** @internal */
  error: Refusal | null = null
  /** @internal */
  notice = ''
  /** @internal Idempotency-Key of the attempt in progress or whose answer was lost. */
  key = ''
  /** @internal The text `key` was made for: the same text retries with the same key. */
  keyFor = ''

  /** @internal */
  get area() {
    return this.renderRoot.querySelector('textarea')!
  }
  /** @internal */
  get nameInput() {
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
    return html`<form
      @submit=${this.submit}
      @focusin=${() => loadSender().catch(() => null)}
      novalidate
    >
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
                ${sent?.refusal(this, err)}
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

  /** @internal */
  persist() {
    const k = this.keyFor === this.text ? this.key : undefined
    if (this.draftKey) save(this.draftKey, this.text ? { t: this.text, k } : null)
  }

  /** Closes the form; a reply's draft stays, so reopening it brings the text back. */
  private cancel() {
    this.dispatchEvent(new Event('palabre-cancel'))
  }

  private async submit(e: Event) {
    e.preventDefault()
    const m = await loadSender().catch(() => null)
    if (m) return m.submit(this)
    // Offline before the sending code could arrive: the text stays, and sending again retries.
    const message = this.ctx.i18n.t('network')
    this.error = Object.assign(new ApiError(0, 'network', message), { text: this.text })
    this.ctx.announce(message)
    this.area.focus()
  }
}

if (!customElements.get('palabre-composer'))
  customElements.define('palabre-composer', PalabreComposer)

declare global {
  interface HTMLElementTagNameMap {
    'palabre-composer': PalabreComposer
  }
}
