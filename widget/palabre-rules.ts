import { LitElement, html, css, nothing } from 'lit'
import type { Rules } from './api.ts'
import type { Ctx } from './context.ts'
import { base } from './styles.ts'
// Loaded from the thread; importing it back keeps Lit and the thread's code in one file for the
// first download, instead of a shared chunk the bundler would split out for this module.
import './palabre-thread.ts'

/**
 * The site's rules of conduct, shown in place under the "Rules of conduct" button. Loaded on
 * demand, so its code and text cost nothing until a reader asks.
 *
 * @event palabre-close - The reader closed the panel (internal, not composed).
 */
export class PalabreRules extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        margin: 0.5rem 0 1rem;
        padding: 0.75rem 1rem;
        border: 1px solid var(--palabre-border);
        border-radius: var(--palabre-radius);
        background: var(--palabre-surface);
      }
      p {
        white-space: pre-line;
      }
      h3 {
        margin: 0 0 0.5rem;
        font-size: 1.1em;
      }
    `,
  ]

  static override properties = {
    ctx: { attribute: false },
    rules: { state: true },
    failed: { state: true },
  }

  declare ctx: Ctx
  private rules: Rules | null = null
  private failed = false

  override willUpdate() {
    // Properties arrive with the first update (this element may upgrade after being rendered).
    if (!this.hasUpdated) {
      this.setAttribute('role', 'region')
      this.setAttribute('tabindex', '-1')
      this.ctx.rules().then(
        (r) => (this.rules = r),
        () => (this.failed = true),
      )
    }
    this.setAttribute('aria-label', this.rules?.title || this.ctx.i18n.t('rules'))
  }

  override render() {
    const { t } = this.ctx.i18n
    const r = this.rules
    return html`${
        this.failed
          ? html`<p class="error">${t('error')}</p>`
          : r
            ? html`<h3>${r.title}</h3>
                ${r.text.split(/\n\s*\n/).map((p) => html`<p>${p}</p>`)}
                ${r.url && /^https?:/.test(r.url) ? html`<p><a href=${r.url}>${r.url}</a></p>` : nothing}`
            : html`<p class="muted">…</p>`
      }
      <button @click=${() => this.dispatchEvent(new Event('palabre-close'))}>
        ${this.ctx.i18n.lang === 'en' ? 'Close' : 'Fermer'}
      </button>`
  }
}

if (!customElements.get('palabre-rules')) customElements.define('palabre-rules', PalabreRules)

declare global {
  interface HTMLElementTagNameMap {
    'palabre-rules': PalabreRules
  }
}
