/**
 * The loader publishers embed (built to `embed.js`, a classic script):
 *
 *   <script async src="https://comments.example.org/embed.js" data-site="demo" data-article="42"
 *           data-title="…" data-url="…" data-lang="fr"></script>
 *
 * It inserts `<palabre-thread>` right after itself with its space reserved, and only when that comes
 * near the viewport fetches the thread's first page and the element's code, in parallel. It also
 * loads the code of `<palabre-thread>` / `<palabre-count>` elements written directly in the page.
 * Everything comes from the server that served this script: no third-party request.
 */
import { headers, identityKey, threadPath, type Identity } from './api.ts'
import { pickLang } from './lang.ts'
import type { PalabreThread } from './palabre-thread.ts'

/** File names of the built modules, set by `widget/build.ts`. */
declare const __PALABRE_FILES__: {
  thread: string
  count: string
  preload: string[]
  locales: { fr: string; en: string }
}

const script = document.currentScript as HTMLScriptElement | null

if (script?.src) {
  const src = script.src
  const d = script.dataset
  const server = new URL('.', src).href.slice(0, -1)
  const at = (file: string) => new URL('widget/' + file, src).href
  let mine: Element | null = null
  const F = __PALABRE_FILES__
  const thread = (lang?: 'fr' | 'en') =>
    [F.thread, ...F.preload, lang ? F.locales[lang] : ''].map((f) => f && import(at(f)))

  if (d.site && d.article) {
    const el = document.createElement('palabre-thread') as PalabreThread
    const attrs: Record<string, string | undefined> = {
      server,
      site: d.site,
      article: d.article,
      'article-title': d.title,
      'article-url': d.url,
      lang: d.lang,
      theme: d.theme,
      'sso-token': d.ssoToken,
    }
    for (const [k, v] of Object.entries(attrs)) if (v) el.setAttribute(k, v)
    // Space reserved before the element's own styles arrive, so the page does not jump.
    el.style.cssText = 'display:block;min-height:var(--palabre-min-height,20rem)'
    script.after(el)
    mine = el
    const io = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return
        io.disconnect()
        const lang = pickLang(d.lang || document.documentElement.lang)
        let token: string | undefined
        try {
          const raw = localStorage.getItem(identityKey(server, d.site!))
          token = raw ? (JSON.parse(raw) as Identity).token : undefined
        } catch {
          // Storage blocked, or a value we did not write: the first page is then read anonymously.
        }
        const url = server + '/api/v1' + threadPath(d.site!, d.article!)
        el.prefetch = fetch(url, { headers: headers(lang, token) })
        // The element awaits this promise and handles its failure; this only marks it handled.
        el.prefetch.catch(() => undefined)
        thread(lang)
      },
      { rootMargin: '600px' },
    )
    io.observe(el)
  }

  const direct = () => {
    const other = [...document.querySelectorAll('palabre-thread')].find((e) => e !== mine)
    if (other) thread(pickLang(other.getAttribute('lang') || document.documentElement.lang))
    if (document.querySelector('palabre-count')) import(at(F.count))
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', direct)
  else direct()
}
