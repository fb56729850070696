import type { Tier } from './lexicon.ts'
import type { Scan } from './matcher.ts'
import type { RuleSettings } from './rules.settings.ts'
import { moreSevere, type Priority, type RuleAction, type RuleMatch, type Span } from './rules.types.ts'
import type { Token } from './tokens.ts'

/**
 * The word rules of SPEC §5 from what the matcher found: words.banned, words.vulgar,
 * insult.targeted, threat, words.suspect and evasion. A word found only after undoing a disguise is
 * an `evasion`, with the term's own action but at least `hold`: hiding a word shows intent.
 */

/** How far an insult may be from « tu », « vous », « you »… and still be aimed at them. */
const TARGET_BEFORE = 5
const TARGET_AFTER = 3

function atLeastHold(action: RuleAction): RuleAction {
  return moreSevere(action, 'hold') ? action : 'hold'
}

function tierAction(tier: Tier, settings: RuleSettings): RuleAction {
  if (tier === 'banned') return 'reject'
  if (tier === 'vulgar') return settings.words.vulgarAction
  if (tier === 'suspect') return 'flag'
  return 'hold'
}

const TIER_RULE: Record<Tier, string> = {
  banned: 'words.banned',
  vulgar: 'words.vulgar',
  insult: 'insult.targeted',
  suspect: 'words.suspect',
}

/** True when a word aiming at someone sits close to tokens `first..last`, in the same sentence. */
function isAimed(scan: Scan, first: number, last: number, siteMarks: number[]): boolean {
  const sentence = scan.tokens[first]!.sentence
  const near = (m: number, before: number, after: number) =>
    m >= first - before && m <= last + after && m !== first && scan.tokens[m]!.sentence === sentence
  for (const m of scan.targets) if (near(m, TARGET_BEFORE, TARGET_AFTER)) return true
  for (const m of siteMarks) if (near(m, TARGET_BEFORE, TARGET_AFTER)) return true
  // « ton », « votre », « your » aim at the word right after them: « ta gueule », not « ton idée ».
  for (const m of scan.possessives) if (m === first - 1) return true
  return false
}

/** Collects matches, one per (rule, term, action), with every span where it was found. */
class Collector {
  private byKey = new Map<string, RuleMatch>()
  add(rule: string, action: RuleAction, term: string, span: Span, priority?: Priority) {
    if (action === 'publish') return
    const key = `${rule}\u0000${term}\u0000${action}`
    const old = this.byKey.get(key)
    if (old) {
      if (!old.spans.some((s) => s.start === span.start && s.end === span.end)) old.spans.push(span)
      return
    }
    const match: RuleMatch = { rule, action, term, spans: [span] }
    if (priority) match.priority = priority
    this.byKey.set(key, match)
  }
  matches(): RuleMatch[] {
    return [...this.byKey.values()]
  }
}

/** Token indexes where the site's name is written (with its capitals): aiming at the newsroom. */
export function siteNameMarks(tokens: Token[], siteTokens: string[], capitals: boolean[]): number[] {
  const marks: number[] = []
  if (siteTokens.length === 0) return marks
  for (let i = 0; i + siteTokens.length <= tokens.length; i++) {
    let ok = true
    for (let k = 0; k < siteTokens.length && ok; k++) {
      const t = tokens[i + k]!
      ok = t.text === siteTokens[k] && (!capitals[k] || t.capital)
    }
    if (ok) marks.push(i + siteTokens.length - 1)
  }
  return marks
}

/** The word rules' matches for one scanned text. */
export function wordRules(scan: Scan, settings: RuleSettings, siteMarks: number[] = []): RuleMatch[] {
  const out = new Collector()
  for (const hit of scan.words) {
    const { entry } = hit
    if (entry.tier === 'insult') {
      if (!isAimed(scan, hit.first, hit.last, siteMarks)) continue
      if (hit.disguise) out.add('evasion', 'hold', entry.term, hit.span)
      else out.add('insult.targeted', 'hold', entry.term, hit.span)
      continue
    }
    const action = tierAction(entry.tier, settings)
    if (hit.disguise) out.add('evasion', atLeastHold(action), entry.term, hit.span)
    else out.add(TIER_RULE[entry.tier], action, entry.term, hit.span)
    if (entry.insult && entry.tier !== 'banned' && isAimed(scan, hit.first, hit.last, siteMarks)) {
      out.add('insult.targeted', 'hold', entry.term, hit.span)
    }
  }
  for (const hit of scan.phrases) {
    const { term, tier } = hit.entry
    if (tier === 'threat') {
      out.add('threat', 'hold', term, hit.span, 'urgent')
      if (hit.disguised) out.add('evasion', 'hold', term, hit.span, 'urgent')
      continue
    }
    if (tier === 'allow' || tier === 'address') continue
    const action = tierAction(tier, settings)
    if (hit.disguised) out.add('evasion', atLeastHold(action), term, hit.span)
    else out.add(TIER_RULE[tier], action, term, hit.span)
  }
  return out.matches()
}
