/** The server this module was loaded from (modules live under `<server>/widget/`). */
const HOME = new URL('..', import.meta.url).href.slice(0, -1)

// Self-contained on purpose: an article list needs these words, not the discussion's strings.
const WORDS = { fr: ['commentaire', 'commentaires'], en: ['comment', 'comments'] }

let queue: PalabreCount[] = []

/** One request per server and site for every count connected in the same task. */
async function flush() {
  const groups = new Map<string, PalabreCount[]>()
  for (const el of queue.splice(0)) {
    const k = el.server + '/api/v1/sites/' + encodeURIComponent(el.site)
    groups.set(k, [...(groups.get(k) ?? []), el])
  }
  for (const [base, els] of groups) {
    const q = [...new Set(els.map((e) => 'article=' + encodeURIComponent(e.article)))].join('&')
    try {
      const res = await fetch(base + '/counts?' + q)
      if (!res.ok) throw new Error(`counts: HTTP ${res.status}`)
      const { counts } = (await res.json()) as { counts: Record<string, number> }
      for (const el of els) el.show(counts[el.article] ?? 0)
    } catch (err) {
      // A count is decoration: the element keeps its fallback content; the cause goes to the console.
      console.warn('palabre-count', err)
    }
  }
}

/**
 * "12 commentaires" for article lists. Every `<palabre-count site article>` on the page is answered
 * by one batched request; the words follow `lang` (or the closest `lang` up to `<html>`). Light DOM
 * text, so it takes the page's styles: wrap it in the article's link.
 *
 * Attributes: `server` (defaults to where this script came from), `site`, `article`, `lang`.
 * Sets `data-count` to the number once known.
 */
export class PalabreCount extends HTMLElement {
  get server() {
    return (this.getAttribute('server') ?? HOME).replace(/\/$/, '')
  }
  get site() {
    return this.getAttribute('site') ?? ''
  }
  get article() {
    return this.getAttribute('article') ?? ''
  }

  connectedCallback() {
    if (!queue.length) setTimeout(flush)
    queue.push(this)
  }

  /** Shows `n` as a localized "N comments". */
  show(n: number) {
    const tag = this.closest<HTMLElement>('[lang]')?.lang ?? 'fr'
    const lang = tag.toLowerCase().startsWith('en') ? 'en' : 'fr'
    const one = new Intl.PluralRules(lang).select(n) === 'one'
    this.textContent = new Intl.NumberFormat(lang).format(n) + ' ' + WORDS[lang][one ? 0 : 1]
    this.dataset.count = String(n)
  }
}

if (!customElements.get('palabre-count')) customElements.define('palabre-count', PalabreCount)

declare global {
  interface HTMLElementTagNameMap {
    'palabre-count': PalabreCount
  }
}
