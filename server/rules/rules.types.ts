/**
 * The shared vocabulary of the rules of conduct (SPEC §5): what a rule can decide, where in the text it
 * matched, and how the decisions of several rules combine. Pure types and tiny helpers, no I/O.
 */

/** What a rule asks for, from most to least severe. */
export type RuleAction = 'reject' | 'rate_limit' | 'hold' | 'flag' | 'publish'

/** Review priority of a held or flagged comment. */
export type Priority = 'low' | 'normal' | 'high' | 'urgent'

/** A half-open range `[start, end)` of UTF-16 code units in the text as the author typed it. */
export interface Span {
  start: number
  end: number
}

/** One rule that fired on one text. Every match is stored with the comment. */
export interface RuleMatch {
  /** Rule id from SPEC §5, e.g. `words.banned`, `privacy`, `evasion`. */
  rule: string
  action: RuleAction
  /** The listed term (its canonical form) or the kind of thing found (`email`, `iban`, a domain). */
  term?: string
  spans: Span[]
  priority?: Priority
}

/** The combined decision over all matches: the most severe action wins. */
export interface RuleDecision {
  action: RuleAction
  priority: Priority
  matches: RuleMatch[]
  /** The match that decided (the first of the most severe), absent when publishing cleanly. */
  decisive?: RuleMatch
}

const SEVERITY: Record<RuleAction, number> = {
  reject: 4,
  rate_limit: 3,
  hold: 2,
  flag: 1,
  publish: 0,
}

const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 }

/** Combines matches: the most severe action wins; the highest priority among them is kept. */
export function decide(matches: RuleMatch[]): RuleDecision {
  let decisive: RuleMatch | undefined
  let priority: Priority = 'normal'
  for (const m of matches) {
    if (!decisive || SEVERITY[m.action] > SEVERITY[decisive.action]) decisive = m
    if (m.priority && PRIORITY_RANK[m.priority] > PRIORITY_RANK[priority]) priority = m.priority
  }
  if (!decisive || decisive.action === 'publish') return { action: 'publish', priority, matches }
  return { action: decisive.action, priority, matches, decisive }
}

/** True when `a` is strictly more severe than `b`. */
export function moreSevere(a: RuleAction, b: RuleAction): boolean {
  return SEVERITY[a] > SEVERITY[b]
}
