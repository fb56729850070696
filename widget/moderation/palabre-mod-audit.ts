import { LitElement, html, css, nothing } from 'lit'
import type { AuditEntry, ModerationApi } from './api.ts'
import type { Lang, T } from './strings.ts'
import { appStyles } from './styles.ts'

/** The audit log of a site, newest first: who did what, when, to what, and why. */
export class PalabreModAudit extends LitElement {
  static override styles = [
    appStyles,
    css`
      table { border-collapse: collapse; width: 100%; background: var(--mod-bg); }
      th, td { text-align: left; border-bottom: 1px solid var(--mod-border); padding: 0.4rem 0.5rem; vertical-align: top; }
    `,
  ]
  static override properties = { site: {}, locale: {}, entries: { state: true }, cursor: { state: true } }

  site = ''
  locale: Lang = 'fr'
  api!: ModerationApi
  t!: T
  private entries: AuditEntry[] = []
  private cursor: string | null = null

  override updated(changed: Map<string, unknown>) {
    if (changed.has('site')) void this.load(false)
  }

  private async load(more: boolean) {
    const page = await this.api.audit(this.site, more ? this.cursor : null)
    this.entries = more ? [...this.entries, ...page.entries] : page.entries
    this.cursor = page.nextCursor
  }

  override render() {
    const t = this.t
    const date = (iso: string) => new Date(iso).toLocaleString(this.locale, { dateStyle: 'medium', timeStyle: 'short' })
    return html`
      <table>
        <caption class="visually-hidden">${t('audit')}</caption>
        <thead>
          <tr><th scope="col">${t('when')}</th><th scope="col">${t('who')}</th><th scope="col">${t('what')}</th><th scope="col">${t('target')}</th><th scope="col">${t('reason')}</th></tr>
        </thead>
        <tbody>
          ${this.entries.map(
            (e) => html`<tr>
              <td><time datetime=${e.createdAt}>${date(e.createdAt)}</time></td>
              <td>${e.actor?.name ?? '—'}</td>
              <td>${t(`action_${e.action}`)}${e.after && typeof e.after.kind === 'string' ? html` (${t(`kind_${e.after.kind}`)})` : nothing}</td>
              <td>${e.target.type} ${e.after && typeof e.after.readerName === 'string' ? e.after.readerName : `#${e.target.id}`}</td>
              <td>${e.reason ? t(`reason_${e.reason}`) : ''}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${this.cursor ? html`<div class="row"><button @click=${() => this.load(true)}>${t('more')}</button></div>` : nothing}
    `
  }
}

if (!customElements.get('palabre-mod-audit')) customElements.define('palabre-mod-audit', PalabreModAudit)

declare global {
  interface HTMLElementTagNameMap {
    'palabre-mod-audit': PalabreModAudit
  }
}
