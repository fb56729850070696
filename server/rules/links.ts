import { LinkifyIt } from 'linkify-it'
import { parse } from 'tldts'
import type { RuleSettings } from './rules.settings.ts'
import type { RuleMatch, Span } from './rules.types.ts'

/**
 * `links`: finds links the way the widget will show them (linkify-it, bare domains included), and
 * judges them by registrable domain (tldts, from the Public Suffix List), so a blocked `evil.co.uk`
 * covers `www.evil.co.uk` but not `notevil.co.uk`.
 */

/** Link shorteners hide where a link goes: held for a look. Registrable domains. */
export const SHORTENERS = new Set([
  'bit.ly', 'bitly.com', 't.co', 'tinyurl.com', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'cutt.ly',
  'rebrand.ly', 'shorturl.at', 'tiny.cc', 'rb.gy', 'v.gd', 't.ly', 'bl.ink', 'lnkd.in', 'dlvr.it',
  'soo.gd', 's.id', 'shorte.st', 'adf.ly', 'bit.do', 'mcaf.ee', 'qr.ae', 'tr.im', 'x.co', 'u.to',
  'clck.ru', 'urlz.fr', 'lc.cx', 'short.io', 'shorturl.com', 'tiny.one', 'trib.al', 'snip.ly',
  'kutt.it',
])

// Common generic TLDs beyond linkify-it's defaults (which already cover every two-letter country
// code), so bare `exemple.info` or `boutique.online` are seen as the links readers will click.
const EXTRA_TLDS = [
  'info', 'news', 'online', 'site', 'xyz', 'top', 'club', 'live', 'app', 'dev', 'blog', 'store',
  'tech', 'link', 'click', 'website', 'space', 'press', 'media', 'today', 'world', 'life', 'page',
  'icu', 'vip', 'win', 'bid', 'loan', 'work', 'email', 'cloud', 'digital', 'network', 'social',
  'paris', 'bzh', 'alsace', 'corsica', 'quebec', 'eus', 'cat',
]

const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false }).tlds(EXTRA_TLDS, true)

/**
 * Two-letter country codes that are also everyday words: « d'accord.Il », « fini.de » and « ok.it »
 * are missing spaces, not links, unless written with a scheme, `www.` or a path.
 */
const WORD_TLDS = new Set([
  'il', 'et', 'es', 'se', 'ne', 'la', 'de', 'in', 'it', 'is', 'to', 'so', 'do', 'no', 'my', 'me',
  'us', 'at', 'as', 'ma',
])

export interface FoundLink {
  url: string
  /** Registrable domain (`evil.co.uk`), or the host when there is none (an IP). */
  domain: string
  hostname: string
  span: Span
}

/**
 * Every link has a dot between two non-space characters (`exemple.fr`), a `//` or `mailto:`: prose
 * without them skips linkify-it's regular expressions altogether.
 */
function mayHoldLink(text: string): boolean {
  for (let i = text.indexOf('.', 1); i !== -1 && i < text.length - 1; i = text.indexOf('.', i + 1)) {
    const before = text.charCodeAt(i - 1)
    const after = text.charCodeAt(i + 1)
    if (before > 32 && after > 32 && before !== 46 && after !== 46) return true
  }
  return text.includes('//') || text.toLowerCase().includes('mailto:')
}

/** Links in the text, as the widget would render them. */
export function findLinks(text: string): FoundLink[] {
  if (!mayHoldLink(text)) return []
  const links: FoundLink[] = []
  for (const m of linkify.match(text) ?? []) {
    const parsed = parse(m.url)
    const hostname = parsed.hostname ?? ''
    if (!hostname) continue
    if (m.schema === '' && !/^www\./i.test(m.raw) && !m.raw.includes('/')) {
      const lastDot = m.raw.lastIndexOf('.')
      const tld = m.raw.slice(lastDot + 1)
      // A capital right after the dot starts a sentence: « fin.Le ».
      if (tld !== tld.toLowerCase() && m.raw.slice(0, lastDot) === m.raw.slice(0, lastDot).toLowerCase()) continue
      if (WORD_TLDS.has(tld.toLowerCase())) continue
    }
    links.push({
      url: m.url,
      domain: parsed.domain ?? hostname,
      hostname,
      span: { start: m.index, end: m.lastIndex },
    })
  }
  return links
}

/** True when `hostname` is `blocked` or one of its subdomains. */
export function isBlocked(hostname: string, blocked: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  return host === blocked || host.endsWith(`.${blocked}`)
}

/** The `links` matches for a text and its author. */
export function linkRules(
  links: FoundLink[],
  settings: RuleSettings['links'],
  authorApprovedCount: number,
): RuleMatch[] {
  if (links.length === 0) return []
  const matches: RuleMatch[] = []
  if (links.length > settings.maxLinks) {
    matches.push({ rule: 'links', action: 'reject', term: 'too_many', spans: links.map((l) => l.span) })
  }
  if (authorApprovedCount < settings.minApprovedToLink) {
    matches.push({ rule: 'links', action: 'hold', term: 'new_author', spans: links.map((l) => l.span) })
  }
  const held = new Map<string, Span[]>()
  for (const link of links) {
    const blocked = settings.blockedDomains.some((d) => isBlocked(link.hostname, d))
    const shortener = settings.holdShorteners && SHORTENERS.has(link.domain)
    if (!blocked && !shortener) continue
    const spans = held.get(link.domain) ?? []
    spans.push(link.span)
    held.set(link.domain, spans)
  }
  for (const [domain, spans] of held) matches.push({ rule: 'links', action: 'hold', term: domain, spans })
  return matches
}
