import { LitElement, html, nothing } from 'lit'
import { Api, type PostResult, type Rules } from './api.ts'
import type { Ctx } from './context.ts'
import { fire } from './events.ts'
import { type Key, loadI18n, pickLang } from './i18n.ts'
import { acts, list } from './palabre-comment.ts'
import './palabre-composer.ts'
import { base, tokens } from './styles.ts'
import { ThreadStore } from './thread-store.ts'
import { styles } from './palabre-thread.styles.ts'
import type { Live } from './live.ts'

/** The server this module was loaded from (chunks live under `<server>/widget/`). */
const HOME = new URL('..', import.meta.url).href.slice(0, -1)

/**
 * The discussion under an article: count, sort, comments 20 at a time with nested replies, the
 * composer, and the site's rules in place. Loads its data when it comes near the viewport.
 *
 * @event palabre-loaded - The first page arrived (`thread`).
 * @event palabre-posted - A comment or reply was accepted (`comment`, `outcome`).
 * @event palabre-edited / palabre-deleted / palabre-liked / palabre-reported - Reader actions.
 * @csspart thread - The whole discussion.
 * @csspart heading - The "Discussion · 12 comments" heading.
 * @csspart composer - The form for a new comment.
 * @csspart comment - Every comment, replies included.
 * @csspart button - Submit buttons.
 * @csspart load-more - The "show more comments" button.
 * @cssprop --palabre-text / --palabre-muted / --palabre-bg / --palabre-surface / --palabre-border
 * @cssprop --palabre-accent / --palabre-on-accent / --palabre-danger / --palabre-mark
 * @cssprop --palabre-radius / --palabre-min-height - Corner radius; space reserved before loading.
 */
export class PalabreThread extends LitElement {
  static override styles = [tokens, base, styles]

  static override properties = {
    server: {},
    site: {},
    article: {},
    articleTitle: { attribute: 'article-title' },
    articleUrl: { attribute: 'article-url' },
    theme: { reflect: true },
    ssoToken: { attribute: 'sso-token' },
    rulesOpen: { state: true },
    live: { state: true },
    ctx: { state: true },
  }

  /** Base URL of the Palabre server; defaults to where this script came from. */
  server = HOME
  site = ''
  article = ''
  /** Title and URL of the article, stored with the thread on the first comment. */
  articleTitle = ''
  articleUrl = ''
  /** `light` or `dark`; follows `prefers-color-scheme` when absent. */
  declare theme?: 'light' | 'dark'
  /** The host site's SSO token (HS256 JWT), exchanged for a reader identity. */
  ssoToken = ''
  /** A prefetched first page (set by the loader before this element upgrades). */
  declare prefetch?: Promise<Response>

  /** @internal */
  rulesOpen = false
  private live = ''
  /** Set once the locale's strings have arrived; nothing renders before. */
  declare ctx: Ctx
  declare api: Api
  /** @internal The discussion's data (read and changed by the live updates too). */
  store = new ThreadStore(
    this,
    () => this.api,
    () => this.article,
  )
  private io?: IntersectionObserver
  private rulesP?: Promise<Rules>
  /** Live updates, loaded after the first page is on screen. */
  private feed?: Live
  private feedP?: Promise<unknown>
  /** Resolves once the locale's strings are in and the context exists. */
  private ready?: Promise<void>

  override connectedCallback() {
    super.connectedCallback()
    const lang = this.lang || document.documentElement.lang
    const api = (this.api = new Api(this.server.replace(/\/$/, ''), this.site, pickLang(lang)))
    this.ready = loadI18n(lang).then((i18n) => {
      this.ctx = {
        api,
        i18n,
        article: this.article,
        meta: { title: this.articleTitle || undefined, url: this.articleUrl || undefined },
        closed: this.store.closed,
        maxLength: 2000,
        announce: (msg) => {
          // Cleared first so that repeating the same message is announced again.
          this.live = ''
          requestAnimationFrame(() => (this.live = msg))
        },
        update: (id, fn) => this.store.update(id, fn),
        insert: (res) => this.insert(res),
        rules: () =>
          (this.rulesP ??= acts()
            .then((a) => a.loadRules(this))
            .catch((err) => {
              this.rulesP = undefined // asked again next time
              throw err
            })),
        openRules: () => this.toggleRules(true),
        report: (c, opener) => void this.run((a) => a.report(this, c, opener)),
        reported: (id, reason) => fire(this, 'reported', { commentId: id, reason }),
        signIn: async (guest) => {
          await api.signIn(guest)
          this.refresh()
        },
        signOut: () => {
          api.setIdentity(null)
          this.refresh()
        },
        askIdentity: () => void this.run((a) => a.askIdentity(this)),
      }
    })
    this.io = new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && this.start(), {
      rootMargin: '600px',
    })
    this.io.observe(this)
    this.feed?.start()
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.io?.disconnect()
    this.feed?.stop()
  }

  override willUpdate() {
    if (this.ctx && this.ctx.closed !== this.store.closed) this.refresh()
  }

  override updated(changed: Map<string, unknown>) {
    list(this.renderRoot.querySelector('.list'), this.store.comments, this.ctx)
    if (changed.has('ssoToken') && this.ssoToken) void this.signIn(this.ssoToken)
  }

  /** Signs the reader in with the host site's SSO token (the JS API behind `sso-token`). */
  async signIn(ssoToken: string) {
    try {
      await (await import('./sso.ts')).sso(this.api, ssoToken)
      this.refresh()
    } catch (err) {
      this.ctx?.announce((err as Error).message)
    }
  }

  override render() {
    if (!this.ctx) return nothing
    const { t } = this.ctx.i18n
    const { thread: th, phase, comments, cursor, sort } = this.store
    const n = th?.commentCount ?? 0
    return html`<section part="thread" aria-labelledby="h" aria-busy=${phase === 'loading'}>
      <header>
        <h2 id="h" part="heading">
          ${t('discussion')}
          ${th ? html`<span>· ${n ? t('count', n) : t('noComments')}</span>` : nothing}
        </h2>
        <button
          aria-expanded=${this.rulesOpen}
          aria-controls="rules"
          @click=${() => this.toggleRules()}
        >
          ${t('rules')}
        </button>
      </header>
      ${
        this.rulesOpen
          ? html`<palabre-rules
              id="rules"
              .ctx=${this.ctx}
              @palabre-close=${() => this.toggleRules(false)}
            ></palabre-rules>`
          : nothing
      }
      ${
        this.ctx.closed
          ? html`<p class="notice">${t('closed')}</p>`
          : html`<palabre-composer
              part="composer"
              exportparts="button"
              .ctx=${this.ctx}
              .send=${this.post}
              .label=${t('yourComment')}
              .submitLabel=${t('post')}
              .draftKey=${`palabre:draft:${this.site}:${this.article}:`}
            ></palabre-composer>`
      }
      <div class="bar">
        <label for="sort">${t('sortBy')}</label>
        <select id="sort" @change=${() => this.run((a) => a.sort(this))}>
          ${(['newest', 'oldest', 'top'] as const).map(
            (s) => html`<option value=${s} ?selected=${s === sort}>${t(s)}</option>`,
          )}
        </select>
      </div>
      ${
        phase === 'error'
          ? html`<div class="state" role="alert">
              <p>${t('loadError')}</p>
              <button @click=${() => this.load()}>${t('retry')}</button>
            </div>`
          : phase === 'loading' || phase === 'idle'
            ? html`<p class="state muted">${t('loading')}</p>`
            : comments.length
              ? nothing
              : html`<p class="state muted">${t('empty')}</p>`
      }
      ${this.feed?.bar()}
      <div class="list"></div>
      ${
        cursor && phase !== 'loading'
          ? html`<button
              class="more"
              part="load-more"
              ?disabled=${phase === 'more'}
              @click=${() => this.run((a) => a.more(this))}
            >
              ${t('loadMore')}
            </button>`
          : nothing
      }
      <div class="sr" role="status">${this.live}</div>
    </section>`
  }

  /** Re-creates the shared context so sub-elements re-render (identity, thread state changed). */
  private refresh() {
    if (this.ctx) this.ctx = { ...this.ctx, closed: this.store.closed }
  }

  /** @internal */
  say(key: Key, n?: number) {
    this.ctx?.announce(this.ctx.i18n.t(key, n))
  }

  private start() {
    this.io?.disconnect()
    if (this.store.phase !== 'idle') return
    void this.load(this.prefetch)
    this.prefetch = undefined
  }

  /** @internal Loads the first page, then tells the page once it is on screen. */
  async load(prefetched?: Promise<Response>) {
    const thread = await this.store.load(prefetched)
    await this.ready
    await this.updateComplete
    if (!thread) return
    fire(this, 'loaded', { thread })
    // The reader's actions follow the first page, like the live updates: apart from it.
    acts().catch(() => null)
    this.feedP ??= import('./live.ts').then((m) => (this.feed = new m.Live(this)))
  }

  private post = async (body: string, key: string) => {
    const res = await this.api.post(this.article, { body, ...this.ctx.meta }, key)
    fire(this, 'posted', res)
    return this.insert(res)
  }

  /** @internal Runs `fn` with the reader's actions; a failure to load them is announced. */
  run(fn: (a: typeof import('./act.ts')) => unknown) {
    return acts().then(fn, () => this.say('error'))
  }

  /** @internal Shows a comment the reader just posted, says what became of it, and focuses it. */
  insert(res: PostResult) {
    return acts().then((a) => a.insert(this, res))
  }

  /** @internal Focuses comment `id` once rendered. */
  focusComment(id: string, options?: FocusOptions) {
    return acts().then((a) => a.focusComment(this, id, options))
  }

  private toggleRules(open = !this.rulesOpen) {
    void this.run((a) => a.toggleRules(this, open))
  }
}

if (!customElements.get('palabre-thread')) customElements.define('palabre-thread', PalabreThread)

declare global {
  interface HTMLElementTagNameMap {
    'palabre-thread': PalabreThread
  }
}
