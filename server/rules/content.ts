import { siteLexicon } from './lexicon.ts'
import { findLinks, linkRules } from './links.ts'
import { scan } from './matcher.ts'
import { normalize } from './normalize.ts'
import { findPrivate } from './privacy.ts'
import type { RuleSettings } from './rules.settings.ts'
import type { RuleMatch, Span } from './rules.types.ts'
import { lengthRule, shoutingRule } from './text-rules.ts'
import { tokenize } from './tokens.ts'
import { siteNameMarks, wordRules } from './words.ts'

export { checkDisplayName, type NameContext } from './display-name.ts'

/**
 * The content rules of SPEC §5 — length, shouting, links, privacy, words.*, insult.targeted,
 * threat, evasion — pure and in-process: text in, matches out, spans in the text as typed. The
 * rules that need the database (rate, duplicate, sanctions, history) live in rules.service.ts.
 */

export interface ContentContext {
  settings: RuleSettings
  siteName: string
  authorApprovedCount: number
}

/** Beyond this, the text is refused by `length` anyway; the rest is not worth scanning. */
const SCAN_LIMIT = 20_000

interface SiteNameTokens {
  tokens: string[]
  capitals: boolean[]
}

// A server has few sites: their names are tokenized once, not on every comment.
const siteNames = new Map<string, SiteNameTokens>()

/** The site's name as folded tokens, and which of them are capitalized (« Le Monde »). */
export function siteNameTokens(siteName: string): SiteNameTokens {
  let found = siteNames.get(siteName)
  if (!found) {
    const tokens = tokenize(normalize(siteName))
    found = { tokens: tokens.map((t) => t.text), capitals: tokens.map((t) => t.capital) }
    if (siteNames.size >= 1000) siteNames.clear()
    siteNames.set(siteName, found)
  }
  return found
}

/** Every content rule that matches `text`, each with its spans in the original text. */
export function checkContent(text: string, ctx: ContentContext): RuleMatch[] {
  const { settings } = ctx
  const matches: RuleMatch[] = lengthRule(text, settings.length)
  const body = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text

  const links = findLinks(body)
  const linkSpans: Span[] = links.map((l) => l.span)
  matches.push(...shoutingRule(body, settings.shouting, linkSpans))
  matches.push(...linkRules(links, settings.links, ctx.authorApprovedCount))

  if (settings.privacy.enabled) {
    const found = findPrivate(body)
    const byKind = new Map<string, Span[]>()
    for (const f of found) {
      const spans = byKind.get(f.kind)
      if (spans) spans.push(f.span)
      else byKind.set(f.kind, [f.span])
    }
    for (const [kind, spans] of byKind) matches.push({ rule: 'privacy', action: 'reject', term: kind, spans })
  }

  const norm = normalize(body)
  const scanned = scan(norm, siteLexicon(settings.words), { skip: linkSpans })
  const site = siteNameTokens(ctx.siteName)
  const marks = siteNameMarks(scanned.tokens, site.tokens, site.capitals)
  matches.push(...wordRules(scanned, settings, marks))
  return matches
}
