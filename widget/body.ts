/**
 * Comment bodies are plain text: blank lines make paragraphs, single newlines line breaks, and
 * http(s) URLs become links. Everything goes through Lit text bindings, so no markup a reader typed
 * is ever interpreted.
 */
import { html, type TemplateResult } from 'lit'

type Part = string | TemplateResult

const URL_RE = /\bhttps?:\/\/[^\s<>"]+/gi
// Punctuation that ends a sentence rather than the URL ("see https://x.org/a.").
const TRAIL_RE = /[.,;:!?'"»)\]]+$/

function linkify(line: string): Part[] {
  const out: Part[] = []
  let last = 0
  for (const m of line.matchAll(URL_RE)) {
    const url = m[0].replace(TRAIL_RE, '')
    const start = m.index
    let ok = false
    try {
      ok = /^https?:$/.test(new URL(url).protocol)
    } catch {
      // Not a parsable URL: it stays text.
    }
    if (!ok) continue
    out.push(line.slice(last, start), html`<a href=${url} rel="ugc nofollow noopener">${url}</a>`)
    last = start + url.length
  }
  out.push(line.slice(last))
  return out
}

/** Paragraphs, line breaks and safe links of a plain-text body. */
export function renderBody(text: string): TemplateResult[] {
  return text
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map(
      (p) =>
        html`<p>${p.split('\n').map((l, i) => (i ? [html`<br />`, linkify(l)] : linkify(l)))}</p>`,
    )
}
