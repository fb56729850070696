import { LitElement, html, nothing } from 'lit'
import type { AdminSite, ModerationApi } from './api.ts'
import type { T } from './strings.ts'
import { appStyles } from './styles.ts'
import { AnnounceEvent } from './events.ts'

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean)

/**
 * Site settings for admins: name, allowed origins, rules text in both languages, word lists and the
 * report threshold; a dry run of the rules; SSO secret rotation; new moderation accounts.
 *
 * Fires `palabre-announce` after each save.
 */
export class PalabreModSettings extends LitElement {
  static override styles = [appStyles]
  static override properties = { site: {}, data: { state: true }, verdict: { state: true }, secret: { state: true } }

  site = ''
  api!: ModerationApi
  t!: T
  private data: AdminSite | null = null
  private verdict = ''
  private secret = ''

  override updated(changed: Map<string, unknown>) {
    if (changed.has('site')) void this.api.site(this.site).then((r) => (this.data = r.site))
  }

  private value(id: string): string {
    return (this.renderRoot.querySelector(`#${id}`) as HTMLInputElement | HTMLTextAreaElement).value
  }

  override render() {
    const t = this.t
    const s = this.data
    if (!s) return html`<p>${t('loading')}</p>`
    const words = s.settings.rules.words
    return html`
      <form @submit=${this.save} aria-labelledby="settings-h">
        <h2 id="settings-h">${t('settings')} — ${s.name}</h2>
        <label for="f-name">${t('name')}</label><input id="f-name" .value=${s.name} required maxlength="200" />
        <label for="f-origins">${t('origins')}</label><textarea id="f-origins" .value=${s.allowedOrigins.join('\n')}></textarea>
        <label for="f-rules-fr">${t('rulesFr')}</label><textarea id="f-rules-fr" lang="fr" .value=${s.rulesText.fr}></textarea>
        <label for="f-rules-en">${t('rulesEn')}</label><textarea id="f-rules-en" lang="en" .value=${s.rulesText.en}></textarea>
        <label for="f-banned">${t('banned')}</label><textarea id="f-banned" .value=${words.banned.join('\n')}></textarea>
        <label for="f-suspect">${t('suspect')}</label><textarea id="f-suspect" .value=${words.suspect.join('\n')}></textarea>
        <label for="f-allowed">${t('allowed')}</label><textarea id="f-allowed" .value=${words.allowed.join('\n')}></textarea>
        <label for="f-vulgar">${t('vulgar')}</label>
        <select id="f-vulgar" .value=${words.vulgarAction}>
          ${['reject', 'hold', 'flag', 'publish'].map((a) => html`<option value=${a} ?selected=${a === words.vulgarAction}>${a}</option>`)}
        </select>
        <label for="f-threshold">${t('threshold')}</label>
        <input id="f-threshold" type="number" min="0.5" max="100" step="0.5" .value=${String(s.settings.rules.reports.threshold)} />
        <div class="row"><button class="primary" type="submit">${t('save')}</button></div>
      </form>
      <form @submit=${this.tryRules}>
        <h2>${t('tryRules')}</h2>
        <label for="f-try">${t('tryText')}</label><textarea id="f-try" maxlength="20000"></textarea>
        <div class="row"><button type="submit">${t('tryRules')}</button></div>
        <p role="status">${this.verdict}</p>
      </form>
      <h2>SSO</h2>
      <div class="row"><button class="danger" @click=${this.rotate}>${t('rotate')}</button></div>
      ${this.secret ? html`<p><code>${t('newSecret', { x: this.secret })}</code></p>` : nothing}
      <form @submit=${this.createModerator}>
        <h2>${t('newModerator')}</h2>
        <label for="m-email">${t('email')}</label><input id="m-email" type="email" required autocomplete="off" />
        <label for="m-name">${t('name')}</label><input id="m-name" maxlength="100" />
        <label for="m-password">${t('password')}</label><input id="m-password" type="password" minlength="10" required autocomplete="new-password" />
        <label for="m-role">${t('role')}</label>
        <select id="m-role"><option value="moderator">moderator</option><option value="admin">admin</option></select>
        <div class="row"><button type="submit">${t('create')}</button></div>
      </form>
    `
  }

  private async save(e: Event) {
    e.preventDefault()
    const s = this.data!
    const settings = structuredClone(s.settings)
    settings.rules.words = {
      ...settings.rules.words,
      banned: lines(this.value('f-banned')),
      suspect: lines(this.value('f-suspect')),
      allowed: lines(this.value('f-allowed')),
      vulgarAction: this.value('f-vulgar'),
    }
    settings.rules.reports = { ...settings.rules.reports, threshold: Number(this.value('f-threshold')) }
    await this.run(async () => {
      const res = await this.api.saveSite(s.id, {
        name: this.value('f-name'),
        allowedOrigins: lines(this.value('f-origins')),
        rulesText: { fr: this.value('f-rules-fr'), en: this.value('f-rules-en') },
        settings,
      })
      this.data = res.site
      return this.t('saved')
    })
  }

  private async tryRules(e: Event) {
    e.preventDefault()
    const res = await this.api.checkRules(this.site, this.value('f-try'))
    const rules = res.matches.map((m) => (m.term ? `${m.rule} (${m.term})` : m.rule)).join(', ')
    this.verdict = this.t('verdict', { x: `${res.action}${rules ? ` — ${rules}` : ''}` })
  }

  private rotate = async () => {
    await this.run(async () => {
      this.secret = (await this.api.rotateSso(this.site)).ssoSecret
      return this.t('newSecret', { x: '' })
    })
  }

  private async createModerator(e: Event) {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    await this.run(async () => {
      await this.api.createModerator({
        email: this.value('m-email'),
        password: this.value('m-password'),
        ...(this.value('m-name') && { name: this.value('m-name') }),
        role: this.value('m-role'),
        sites: [this.site],
      })
      form.reset()
      return this.t('created')
    })
  }

  private async run(work: () => Promise<string>) {
    try {
      this.dispatchEvent(new AnnounceEvent(await work()))
    } catch (err) {
      this.dispatchEvent(new AnnounceEvent((err as Error).message))
    }
  }
}

if (!customElements.get('palabre-mod-settings')) customElements.define('palabre-mod-settings', PalabreModSettings)

declare global {
  interface HTMLElementTagNameMap {
    'palabre-mod-settings': PalabreModSettings
  }
}
