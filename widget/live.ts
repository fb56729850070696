/**
 * Live updates of a shown discussion (loaded after the first render, apart from the first
 * download): the thread's server-sent events (SPEC §4), folded into what the reader sees without
 * ever moving it. New comments wait behind a "N new comments" button; edits, removals and reply
 * counts apply in place, with the first comment in view kept where it was on screen.
 */
import { html, nothing } from 'lit'
import { headers, threadPath, type Comment, type ThreadPage } from './api.ts'
import { mapTree, merge } from './context.ts'
import type { PalabreThread } from './palabre-thread.ts'
// Loaded from the thread; importing it back keeps Lit and the thread's code in one file for the
// first download, instead of a shared chunk the bundler would split out for this module.
import './palabre-thread.ts'

// This chunk's only strings travel with it: "1 nouveau commentaire" / "2 new comments".
const NEW = { fr: 'nouveau commentaire|nouveaux commentaires', en: 'new comment|new comments' }

/** The comment `id` in a tree, replies included. */
function find(list: Comment[], id: string): Comment | undefined {
  for (const c of list) {
    const hit = c.id === id ? c : c.replies?.length ? find(c.replies, id) : undefined
    if (hit) return hit
  }
}

/** `old` updated with what the server now says of it; the replies the reader opened stay. */
const fold = (old: Comment, c: Comment): Comment => ({
  ...old,
  ...c,
  replies: old.replies,
  // More replies than shown: "show N more replies" appears ('' reads them from the start).
  repliesCursor: old.repliesCursor ?? (c.replyCount > old.replies.length ? '' : null),
  viewer: c.viewer ?? old.viewer,
})

/**
 * The live connection of one `<palabre-thread>`: an `EventSource` while the tab is visible and the
 * element in the page, closed when the tab is hidden, reopened (with a catch-up on the first page)
 * when it returns or after a failure, with exponential backoff.
 */
export class Live {
  private es?: EventSource
  private timer?: ReturnType<typeof setTimeout>
  private said?: ReturnType<typeof setTimeout>
  private fails = 0
  /** A stream was opened once: every later one follows a gap to catch up on. */
  private opened = false
  /** New top-level comments behind the button, newest first. */
  private fresh: Comment[] = []
  /** Live changes apply one at a time, each measured before and after. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly host: PalabreThread) {
    this.start()
  }

  start() {
    document.addEventListener('visibilitychange', this.visibility)
    this.open()
  }

  stop() {
    document.removeEventListener('visibilitychange', this.visibility)
    this.close()
  }

  /** The "N new comments" button, at the top of the list; nothing when none wait. */
  bar() {
    const n = this.waiting().length
    return n
      ? html`<button class="more" part="new-comments" @click=${this.show}>${this.label(n)}</button>`
      : nothing
  }

  private visibility = () => (document.hidden ? this.close() : this.open())

  private open() {
    const { api, article, isConnected } = this.host
    if (this.es || document.hidden || !isConnected) return
    clearTimeout(this.timer)
    const q = encodeURIComponent
    const es = (this.es = new EventSource(
      `${api.server}/api/v1/sites/${q(api.site)}/threads/${q(article)}/events`,
    ))
    const gap = this.opened
    this.opened = true
    es.addEventListener('ready', () => {
      this.fails = 0
      if (gap) void this.catchUp()
    })
    for (const type of ['new', 'edited', 'removed'])
      es.addEventListener('comment.' + type, (e) => this.on(type, JSON.parse((e as MessageEvent).data)))
    es.onerror = () => {
      // The browser would retry every few seconds forever, together with every other reader:
      // back off instead (1 s, 2 s, 4 s… up to a minute, with jitter); `ready` resets it.
      this.close()
      const wait = Math.min(6e4, 1e3 * 2 ** this.fails++) * (0.5 + Math.random())
      this.timer = setTimeout(() => this.open(), wait)
    }
  }

  private close() {
    clearTimeout(this.timer)
    this.es?.close()
    this.es = undefined
  }

  private get me() {
    return this.host.api.identity?.reader.id
  }

  private get(id: string) {
    return find(this.host.store.comments, id) ?? find(this.fresh, id)
  }

  /** Changes comment `id` wherever it is: shown, or waiting behind the button. */
  private patch(id: string, fn: (c: Comment) => Comment | null) {
    this.fresh = mapTree(this.fresh, id, fn)
    this.host.store.update(id, fn)
  }

  private count(n: number) {
    const { store } = this.host
    const th = store.thread
    if (th) store.set({ thread: { ...th, commentCount: Math.max(0, th.commentCount + n) } })
  }

  /** What the button would insert: new comments not shown meanwhile (a reload, a sort change). */
  private waiting() {
    return this.fresh.filter((c) => !find(this.host.store.comments, c.id))
  }

  private label(n: number) {
    const { lang } = this.host.ctx.i18n
    const [one, other] = NEW[lang].split('|') as [string, string]
    return `${n.toLocaleString(lang)} ${new Intl.PluralRules(lang).select(n) === 'one' ? one : other}`
  }

  /** Re-renders the button and, once arrivals pause, says how many wait (polite live region). */
  private tell() {
    this.host.requestUpdate()
    clearTimeout(this.said)
    this.said = setTimeout(() => {
      const n = this.waiting().length
      if (n) this.host.ctx.announce(this.label(n))
    }, 1000)
  }

  private on(type: string, data: { comment?: Comment; id?: string }) {
    void this.hold(() => {
      if (type === 'removed') return this.remove(data.id!)
      const c = data.comment!
      const old = this.get(c.id)
      if (old) {
        // Already shown: an edit, or the reader's own pending comment now approved.
        if (old.status === 'pending' && c.status === 'published') this.count(1)
        return this.patch(c.id, (o) => fold(o, c))
      }
      // The reader's own comment is shown by the answer to their post (which may come second).
      if (type === 'edited' || (c.author && c.author.id === this.me)) return
      this.count(1)
      if (c.parentId) {
        // A reply: counted under its parent ("show N more replies"), never pushed into the text.
        this.patch(c.parentId, (p) => ({
          ...p,
          replyCount: p.replyCount + 1,
          repliesCursor: p.repliesCursor ?? '',
        }))
      } else {
        this.fresh = [c, ...this.fresh]
        this.tell()
      }
    })
  }

  /**
   * Withdraws a comment: gone, or a tombstone when it holds replies. The reader's own stay, and so
   * do tombstones already shown (the reader's deletion keeps one in place until the next load).
   */
  private remove(id: string) {
    const old = this.get(id)
    if (!old || !old.author || old.author.id === this.me) return
    if (old.status === 'published') this.count(-1)
    this.fresh = this.fresh.filter((c) => c.id !== id)
    const tomb = old.replies?.length || old.replyCount
    this.patch(id, (c) =>
      tomb ? { ...c, status: 'deleted', author: null, body: '', viewer: null } : null,
    )
    if (!tomb && old.parentId && old.status === 'published')
      this.patch(old.parentId, (p) => ({ ...p, replyCount: Math.max(0, p.replyCount - 1) }))
    this.tell()
  }

  /**
   * After a gap (hidden tab, lost connection): reads the first page again, updates what is shown,
   * drops what disappeared from the range it covers, and puts what is newer behind the button.
   */
  private async catchUp() {
    const { store } = this.host
    const sort = store.sort
    const page = await this.first().catch(() => null)
    if (!page) return
    await this.hold(() => {
      const top = [...store.comments, ...this.fresh]
      const latest = top.reduce((t, c) => (c.createdAt > t ? c.createdAt : t), '')
      const times = page.comments.map((c) => c.createdAt).sort()
      const onPage = new Set(page.comments.map((c) => c.id))
      const covers = (t: string) =>
        !page.nextCursor ||
        (sort === 'newest' ? t >= times[0]! : sort === 'oldest' && t <= times.at(-1)!)
      for (const c of store.comments)
        if (!onPage.has(c.id) && covers(c.createdAt)) store.update(c.id, () => null)
      const arrived: Comment[] = []
      const walk = (list: Comment[]) => {
        for (const c of list) {
          if (this.get(c.id)) this.patch(c.id, (o) => fold(o, c))
          else if (!c.parentId && c.createdAt > latest) arrived.push(c)
          walk(c.replies ?? [])
        }
      }
      walk(page.comments)
      store.set({ thread: page.thread })
      if (arrived.length) {
        this.fresh = merge(arrived, this.fresh).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
        this.tell()
      }
    })
  }

  /**
   * The first page in the current sort, past the browser's cache (anonymous pages may be cached
   * for a few seconds; a revalidation costs a 304 when nothing changed).
   */
  private async first() {
    const { api, article, store } = this.host
    const url = api.server + '/api/v1' + threadPath(api.site, article, store.sort)
    const res = await fetch(url, { headers: headers(api.lang, api.identity?.token), cache: 'no-cache' })
    return api.read<ThreadPage>(res)
  }

  /** The button: newest sort inserts the waiting comments on top; others reload the first page. */
  private show = () =>
    this.hold(async () => {
      const { store, ctx } = this.host
      const list = this.waiting().sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      this.fresh = []
      if (store.sort === 'newest') store.set({ comments: merge(list, store.comments) })
      else {
        const page = await this.first()
        store.set({ thread: page.thread, comments: page.comments, cursor: page.nextCursor })
      }
      ctx.announce(ctx.i18n.t('loaded', list.length))
      const first = list.find((c) => find(store.comments, c.id))
      // Focus moves to the first new comment, without scrolling: the reader stays where they were.
      if (first) await this.host.focusComment(first.id, { preventScroll: true })
    }).catch((err: Error) => this.host.ctx.announce(err.message))

  /**
   * Runs `change` (one at a time) keeping the first comment in view at the same place on screen:
   * measured before, measured once everything has rendered, and the difference scrolled away.
   * (The browser's own scroll anchoring is off inside the widget, `overflow-anchor: none`: it is
   * missing in some browsers and misplaced by shadow trees in others.)
   */
  private hold(change: () => unknown) {
    const run = async () => {
      const before = this.inView()
      await change()
      await new Promise(requestAnimationFrame)
      for (const [el, top] of before) {
        if (!el.isConnected || !el.getClientRects().length) continue
        const moved = el.getBoundingClientRect().top - top
        if (Math.abs(moved) >= 0.5) scroller(this.host).scrollBy(0, moved)
        break
      }
    }
    return (this.queue = this.queue.then(run, run))
  }

  /** The comments on screen (replies included) with their top, in document order. */
  private inView() {
    const out: [Element, number][] = []
    const h = innerHeight
    const walk = (root: ParentNode) => {
      for (const el of root.querySelectorAll('palabre-comment')) {
        const box = el.getBoundingClientRect()
        if (box.bottom <= 0 || box.top >= h || !el.shadowRoot) continue
        const article = el.shadowRoot.querySelector('article')!
        const { top, bottom } = article.getBoundingClientRect()
        if (bottom > 0 && top < h) out.push([article, top])
        walk(el.shadowRoot)
      }
    }
    walk(this.host.renderRoot)
    return out
  }
}

/** The element that scrolls the discussion: the nearest scrollable ancestor, else the page. */
function scroller(el: Element): { scrollBy(x: number, y: number): void } {
  for (let n: Node | null = el.parentNode; n; n = n.parentNode ?? (n as ShadowRoot).host) {
    if (
      n instanceof Element &&
      n.scrollHeight > n.clientHeight &&
      /auto|scroll/.test(getComputedStyle(n).overflowY)
    )
      return n
  }
  return window
}
