import { LitElement, html, css, nothing } from 'lit'
import { ModerationApi, type Account } from './api.ts'
import { translator, type Lang, type T } from './strings.ts'
import { appStyles } from './styles.ts'
import type { AnnounceEvent, CountsEvent } from './events.ts'
import './palabre-mod-queue.ts'
import './palabre-mod-audit.ts'
import './palabre-mod-settings.ts'

type View = 'pending' | 'reported' | 'approved' | 'rejected' | 'audit' | 'settings'
const QUEUE_VIEWS = ['pending', 'reported', 'approved', 'rejected'] as const
const COUNTS_EVERY_MS = 20_000

/**
 * The moderation app at `/moderation/`: sign-in, the site picker, queue tabs with live counts, the
 * audit log and (for admins) the site settings, in French or English. Status messages go through
 * one live region; `?` opens the keyboard help.
 */
export class PalabreModeration extends LitElement {
  static override styles = [
    appStyles,
    css`
      header { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; padding: 0.75rem 1rem; background: var(--mod-bg); border-bottom: 1px solid var(--mod-border); }
      h1 { font-size: 1.25rem; margin: 0; flex: 1; }
      header label { display: inline; margin: 0 0.25rem 0 0; }
      nav { padding: 0.5rem 1rem; }
      nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0; padding: 0; }
      main { padding: 0 1rem 2rem; max-width: 56rem; }
      .status { min-height: 1.5rem; margin: 0.5rem 0; }
      .login { max-width: 22rem; margin: 3rem auto; background: var(--mod-bg); padding: 1.5rem; border-radius: 0.6rem; border: 1px solid var(--mod-border); }
      .login input { width: 100%; }
      kbd { border: 1px solid var(--mod-border); border-radius: 0.25rem; padding: 0 0.35rem; font-family: ui-monospace, monospace; }
    `,
  ]
  static override properties = {
    account: { state: true },
    sites: { state: true },
    site: { state: true },
    view: { state: true },
    counts: { state: true },
    status: { state: true },
    locale: { state: true },
    ready: { state: true },
  }

  private locale: Lang = navigator.language.toLowerCase().startsWith('en') ? 'en' : 'fr'
  private api = new ModerationApi(this.locale)
  private t: T = translator(this.locale)
  private account: Account | undefined
  private sites: { id: string; name: string }[] = []
  private site = ''
  private view: View = 'pending'
  private counts = { pending: 0, reported: 0 }
  private status = ''
  private ready = false
  private timer: ReturnType<typeof setInterval> | undefined
  private onKey = (e: KeyboardEvent) => {
    const origin = e.composedPath()[0] as HTMLElement | undefined
    if (e.key !== '?' || !this.account || (origin && /^(INPUT|TEXTAREA|SELECT)$/.test(origin.tagName))) return
    e.preventDefault()
    this.renderRoot.querySelector<HTMLDialogElement>('#help')?.showModal()
  }

  override connectedCallback() {
    super.connectedCallback()
    document.addEventListener('keydown', this.onKey)
    this.addEventListener('palabre-announce', (e) => (this.status = (e as AnnounceEvent).message))
    this.addEventListener('palabre-counts', (e) => (this.counts = (e as CountsEvent).counts))
    this.timer = setInterval(() => void this.refreshCounts(), COUNTS_EVERY_MS)
    this.setLang(this.locale)
    void this.start()
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    document.removeEventListener('keydown', this.onKey)
    clearInterval(this.timer)
  }

  private async start() {
    this.account = await this.api.me().catch(() => undefined)
    if (this.account) await this.loadSites()
    this.ready = true
  }

  private async loadSites() {
    this.sites = (await this.api.sites()).sites
    this.site = this.sites[0]?.id ?? ''
  }

  private async refreshCounts() {
    if (!this.account || !this.site) return
    const page = await this.api.queue(this.site, 'pending').catch(() => undefined)
    if (page) this.counts = page.counts
  }

  private setLang(lang: Lang) {
    this.locale = lang
    this.api.lang = lang
    this.t = translator(lang)
    document.documentElement.lang = lang
    document.title = this.t('title')
  }

  override render() {
    if (!this.ready) return nothing
    if (!this.account) return this.renderLogin()
    const t = this.t
    const label = (v: View) =>
      v === 'pending' ? `${t('pending')} (${this.counts.pending})` : v === 'reported' ? `${t('reported')} (${this.counts.reported})` : t(v)
    const views: View[] = [...QUEUE_VIEWS, 'audit', ...(this.account.role === 'admin' ? (['settings'] as const) : [])]
    return html`
      <header>
        <h1>${t('title')}</h1>
        <label for="site">${t('site')}</label>
        <select id="site" .value=${this.site} @change=${(e: Event) => (this.site = (e.target as HTMLSelectElement).value)}>
          ${this.sites.map((s) => html`<option value=${s.id} ?selected=${s.id === this.site}>${s.name}</option>`)}
        </select>
        <button @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('#help')!.showModal()}>${t('helpOpen')}</button>
        <button lang=${this.locale === 'fr' ? 'en' : 'fr'} @click=${() => this.setLang(this.locale === 'fr' ? 'en' : 'fr')}>${t('lang')}</button>
        <button @click=${this.logout}>${t('signOut')}</button>
      </header>
      <nav aria-label=${t('queues')}>
        <ul>
          ${views.map((v) => html`<li><button aria-current=${this.view === v ? 'page' : 'false'} @click=${() => (this.view = v)}>${label(v)}</button></li>`)}
        </ul>
      </nav>
      <main>
        <h2 class="visually-hidden">${label(this.view)}</h2>
        <p class="status" role="status">${this.status}</p>
        ${this.renderView()}
      </main>
      ${this.renderHelp()}
    `
  }

  private renderView() {
    if (!this.site) return html`<p>${this.t('empty')}</p>`
    if (this.view === 'audit') {
      return html`<palabre-mod-audit .api=${this.api} .t=${this.t} .locale=${this.locale} .site=${this.site}></palabre-mod-audit>`
    }
    if (this.view === 'settings') {
      return html`<palabre-mod-settings .api=${this.api} .t=${this.t} .site=${this.site}></palabre-mod-settings>`
    }
    return html`<palabre-mod-queue .api=${this.api} .t=${this.t} .locale=${this.locale} .site=${this.site} .queue=${this.view}></palabre-mod-queue>`
  }

  private renderLogin() {
    const t = this.t
    return html`<main>
      <form class="login" @submit=${this.login}>
        <h1>${t('title')}</h1>
        <label for="email">${t('email')}</label>
        <input id="email" type="email" autocomplete="username" required />
        <label for="password">${t('password')}</label>
        <input id="password" type="password" autocomplete="current-password" required />
        <p role="alert">${this.status}</p>
        <div class="row">
          <button class="primary" type="submit">${t('signIn')}</button>
          <button type="button" lang=${this.locale === 'fr' ? 'en' : 'fr'} @click=${() => this.setLang(this.locale === 'fr' ? 'en' : 'fr')}>${t('lang')}</button>
        </div>
      </form>
    </main>`
  }

  private renderHelp() {
    const t = this.t
    const keys: [string, string][] = [['j', 'key_j'], ['k', 'key_k'], ['a', 'key_a'], ['r', 'key_r'], ['s', 'key_s'], ['x', 'key_x'], ['?', 'key_help']]
    return html`<dialog id="help" aria-labelledby="help-title">
      <h2 id="help-title">${t('help')}</h2>
      <dl>${keys.map(([k, d]) => html`<dt><kbd>${k}</kbd></dt><dd>${t(d)}</dd>`)}</dl>
      <form method="dialog"><button class="primary">${t('close')}</button></form>
    </dialog>`
  }

  private async login(e: Event) {
    e.preventDefault()
    const value = (id: string) => this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)!.value
    try {
      this.account = await this.api.login(value('email'), value('password'))
      this.status = ''
      await this.loadSites()
    } catch (err) {
      this.status = (err as Error).message
    }
  }

  private logout = async () => {
    await this.api.logout().catch(() => undefined)
    this.account = undefined
    this.status = ''
  }
}

if (!customElements.get('palabre-moderation')) customElements.define('palabre-moderation', PalabreModeration)

declare global {
  interface HTMLElementTagNameMap {
    'palabre-moderation': PalabreModeration
  }
}
