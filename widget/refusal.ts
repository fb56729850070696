/**
 * The detail of a refusal under the composer: the passages the rules objected to, highlighted in
 * the reader's text, and a way to the rules. Loaded when a refusal arrives, with its own strings.
 */
import { html, nothing, type TemplateResult } from 'lit'
import type { PalabreComposer, Refusal } from './palabre-composer.ts'
// Loaded from the thread's modules; importing it back keeps Lit and the thread's code in one file
// for the first download, instead of a shared chunk the bundler would split out for this module.
import './palabre-thread.ts'

const STRINGS = {
  fr: ['Passages en cause :', 'Voir les règles de conduite'],
  en: ['Passages concerned:', 'See the rules of conduct'],
}

type Part = string | TemplateResult

/** The text with `[start, end)` UTF-16 ranges wrapped in `<mark>`. */
function renderMarked(text: string, spans: { start: number; end: number }[]): Part[] {
  const out: Part[] = []
  let pos = 0
  for (const { start, end } of [...spans].sort((a, b) => a.start - b.start)) {
    const s = Math.max(pos, start)
    const e = Math.min(text.length, end)
    if (e <= s) continue
    out.push(text.slice(pos, s), html`<mark>${text.slice(s, e)}</mark>`)
    pos = e
  }
  out.push(text.slice(pos))
  return out
}

/** What the composer shows under the rule's message. */
export function refusal(el: PalabreComposer, err: Refusal) {
  const [spans, seeRules] = STRINGS[el.ctx.i18n.lang]
  return html`${
    err.spans?.length && err.text === el.text
      ? html`<p>${spans}</p>
          <blockquote>${renderMarked(err.text, err.spans)}</blockquote>`
      : nothing
  }
  ${err.rule ? html`<button type="button" @click=${() => el.ctx.openRules()}>${seeRules}</button>` : nothing}`
}
