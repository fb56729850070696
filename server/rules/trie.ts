/**
 * A trie over words for multi-word phrases (threats, « fils de pute », « pros and cons »). Matching
 * walks it one token at a time from each start, so the cost is the text's length times the longest
 * phrase (a handful of words): linear, whatever the text.
 */

export type PhraseTier = 'threat' | 'banned' | 'vulgar' | 'insult' | 'suspect' | 'address' | 'allow'

export interface PhraseEntry {
  term: string
  tier: PhraseTier
}

export interface Trie {
  next: Map<string, Trie>
  end?: PhraseEntry
}

export function newTrie(): Trie {
  return { next: new Map() }
}

/** Patterns stay small; this guards against a data edit that would explode. */
const MAX_EXPANSIONS = 5000

/**
 * Adds a pattern: slots separated by spaces, `a|b` alternatives, a slot ending in `?` optional.
 * With `literal`, the text is one plain sequence of words.
 */
export function addPattern(trie: Trie, pattern: string, entry: PhraseEntry, literal = false): void {
  const slots = pattern
    .trim()
    .split(/\s+/)
    .map((slot) => {
      if (literal) return { options: [slot], optional: false }
      const optional = slot.endsWith('?')
      return { options: (optional ? slot.slice(0, -1) : slot).split('|'), optional }
    })
  let frontier: Trie[] = [trie]
  for (const slot of slots) {
    const next = new Set<Trie>(slot.optional ? frontier : [])
    for (const node of frontier) {
      for (const word of slot.options) {
        let child = node.next.get(word)
        if (!child) {
          child = newTrie()
          node.next.set(word, child)
        }
        next.add(child)
      }
    }
    if (next.size > MAX_EXPANSIONS) throw new Error(`phrase pattern too wide: ${pattern}`)
    frontier = [...next]
  }
  for (const node of frontier) node.end ??= entry
}

/** One phrase found: tokens `first..last`, and whether a disguised reading was needed. */
export interface PhraseHit {
  entry: PhraseEntry
  first: number
  last: number
  disguised: boolean
}

/** Readings of each token (plain first, then undisguised ones), as trie keys. */
export interface TokenKeys {
  plain: string
  disguised: string[]
  /** A phrase does not run across sentences. */
  sentence: number
}

const MAX_STATES = 32

/** The longest phrase starting at token `start`, or undefined. */
export function longestAt(trie: Trie, keys: TokenKeys[], start: number): PhraseHit | undefined {
  let states: { node: Trie; disguised: boolean }[] = [{ node: trie, disguised: false }]
  let best: PhraseHit | undefined
  const sentence = keys[start]?.sentence
  for (let i = start; i < keys.length && states.length > 0; i++) {
    const k = keys[i]!
    if (k.sentence !== sentence) break
    const next: { node: Trie; disguised: boolean }[] = []
    for (const s of states) {
      const plain = s.node.next.get(k.plain)
      if (plain) next.push({ node: plain, disguised: s.disguised })
      for (const d of k.disguised) {
        const child = s.node.next.get(d)
        if (child && child !== plain && next.length < MAX_STATES) next.push({ node: child, disguised: true })
      }
    }
    states = next
    for (const s of states) {
      if (!s.node.end) continue
      // Prefer a plain reading of the same length: it is not an evasion.
      if (!best || best.last < i || (best.disguised && !s.disguised)) {
        best = { entry: s.node.end, first: start, last: i, disguised: s.disguised }
      }
    }
  }
  return best
}
