import names from './lexicon/names.json' with { type: 'json' }
import { tokenForms } from './forms.ts'
import { siteLexicon } from './lexicon.ts'
import { findLinks } from './links.ts'
import { scan } from './matcher.ts'
import { normalize, type Normalized } from './normalize.ts'
import { findPrivate } from './privacy.ts'
import type { RuleSettings } from './rules.settings.ts'
import type { RuleMatch, Span } from './rules.types.ts'
import { spacedRuns, tokenize } from './tokens.ts'

/**
 * Display-name rules: no listed term (`name.terms`), no way to be contacted (`name.contact`), and
 * no name that would pass for the site or its team (`name.reserved`), disguised or not.
 */

export interface NameContext {
  settings: RuleSettings
  siteName: string
}

const RESERVED = new Set(names.reserved)
const isDigit = (ch: string) => ch >= '0' && ch <= '9'

interface Part {
  text: string
  span: Span
  altered: boolean
  spaced?: boolean
}

/** Words of a name, also cut at camelCase and letter-to-digit boundaries: `LeMonde`, `Admin42`. */
function nameParts(norm: Normalized): Part[] {
  const { folded } = norm
  const tokens = tokenize(norm)
  const parts: Part[] = []
  for (const t of tokens) {
    parts.push({ text: t.text, span: { start: t.start, end: t.end }, altered: t.altered })
    const cuts = [t.from]
    for (let k = t.from + 1; k < t.to; k++) {
      const camel = folded.upper[k] === 1 && folded.upper[k - 1] === 0
      const digit = isDigit(folded.text[k]!) !== isDigit(folded.text[k - 1]!)
      if (camel || digit) cuts.push(k)
    }
    if (cuts.length === 1) continue
    cuts.push(t.to)
    for (let c = 0; c + 1 < cuts.length; c++) {
      const [a, b] = [cuts[c]!, cuts[c + 1]!]
      parts.push({
        text: folded.text.slice(a, b),
        span: { start: folded.start[a]!, end: folded.end[b - 1]! },
        altered: t.altered,
      })
    }
  }
  for (const run of spacedRuns(tokens, norm)) {
    parts.push({ text: run.text, span: { start: run.start, end: run.end }, altered: false, spaced: true })
  }
  return parts
}

/** The display-name matches; `reject` ones refuse the name. */
export function checkDisplayName(name: string, ctx: NameContext): RuleMatch[] {
  const matches: RuleMatch[] = []
  const norm = normalize(name)

  const scanned = scan(norm, siteLexicon(ctx.settings.words))
  for (const hit of [...scanned.words, ...scanned.phrases]) {
    const action = hit.entry.tier === 'suspect' ? 'flag' : 'reject'
    matches.push({ rule: 'name.terms', action, term: hit.entry.term, spans: [hit.span] })
  }

  const contact = [...findPrivate(name), ...findLinks(name).map((l) => ({ kind: 'link', span: l.span }))]
  for (const c of contact) matches.push({ rule: 'name.contact', action: 'reject', term: c.kind, spans: [c.span] })

  // In a name, `_` separates words (`le_quotidien`); same length, so spans still hold.
  const spaced = normalize(name.replace(/_/g, ' '))
  const parts = nameParts(spaced)
  const site = tokenize(normalize(ctx.siteName)).map((t) => t.text)
  const siteCompact = site.join('')
  const readings = parts.map((p) => tokenForms(p.text, { altered: p.altered, spaced: p.spaced }).map((f) => f.key))
  parts.forEach((part, i) => {
    const reserved = readings[i]!.find((key) => RESERVED.has(key) || (siteCompact.length > 0 && key === siteCompact))
    if (reserved) matches.push({ rule: 'name.reserved', action: 'reject', term: reserved, spans: [part.span] })
  })
  // The site's name written as several words: « Le Quotidien », « le_quotidien ».
  if (site.length > 1) {
    const words = tokenize(spaced)
    for (let i = 0; i + site.length <= words.length; i++) {
      if (site.every((w, k) => words[i + k]!.text === w)) {
        const span = { start: words[i]!.start, end: words[i + site.length - 1]!.end }
        matches.push({ rule: 'name.reserved', action: 'reject', term: ctx.siteName, spans: [span] })
      }
    }
  }
  return dedupe(matches)
}

function dedupe(matches: RuleMatch[]): RuleMatch[] {
  const seen = new Set<string>()
  return matches.filter((m) => {
    const key = `${m.rule}|${m.term}|${m.spans.map((s) => `${s.start}-${s.end}`).join()}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
