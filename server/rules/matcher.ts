import { tokenForms, type Disguise, type Form } from './forms.ts'
import { lookupMasked, lookupWord, termKey, type Entry, type SiteLexicon } from './lexicon.ts'
import type { Normalized } from './normalize.ts'
import type { Span } from './rules.types.ts'
import { spacedRuns, tokenize, type SpacedRun, type Token } from './tokens.ts'
import { longestAt, type PhraseEntry, type TokenKeys } from './trie.ts'

/**
 * Finds listed words and phrases in a normalized text, in linear time: whole tokens looked up in a
 * Map (so « contexte » never contains « con »), phrases walked in a token trie, single letters
 * joined back (`c o n`). A word is reported with the disguise that had to be undone to find it, or
 * none when it was written plainly.
 */

export interface WordHit {
  kind: 'word'
  entry: Entry
  first: number
  last: number
  span: Span
  disguise?: Disguise
}

export interface PhraseMatch {
  kind: 'phrase'
  entry: PhraseEntry
  first: number
  last: number
  span: Span
  disguised: boolean
}

export interface Scan {
  tokens: Token[]
  words: WordHit[]
  phrases: PhraseMatch[]
  /** Token indexes of words that aim at someone: tu, vous, @name, « espèce de »… */
  targets: number[]
  /** Token indexes of possessives (ton, votre, your): they aim only at the next word. */
  possessives: number[]
}

export interface ScanOptions {
  /** Spans (links) whose tokens are not words of the author. */
  skip?: Span[]
}


const NONE: string[] = []

/** Looks one token's readings up; the first reading found wins (plain before disguised). */
function lookupForms(lex: SiteLexicon, forms: Form[]): { entry: Entry; form: Form } | undefined {
  for (const form of forms) {
    const entry = form.wildcard ? lookupMasked(lex, form.key) : lookupWord(lex, form.key)
    if (entry) return { entry, form }
  }
  return undefined
}

/** Every listed word and phrase of the text, and the words that aim at someone. */
export function scan(norm: Normalized, lex: SiteLexicon, options: ScanOptions = {}): Scan {
  const tokens = tokenize(norm)
  const skip = options.skip ?? []
  const base = lex.base
  // Words repeat (« de », « la »; or one token 500 times in a flood): read each one once.
  const cache = new Map<string, Form[]>()
  const forms: Form[][] = tokens.map((t) => {
    if (t.altered) return tokenForms(t.text, { altered: true })
    let f = cache.get(t.text)
    if (!f) {
      f = tokenForms(t.text)
      cache.set(t.text, f)
    }
    return f
  })
  const keys: TokenKeys[] = forms.map((fs, i) => ({
    plain: fs[0] && !fs[0].disguise ? fs[0].key : tokens[i]!.text,
    disguised: fs.length < 2 && !fs[0]?.disguise ? NONE : fs.filter((f) => f.disguise && !f.wildcard).map((f) => f.key),
    sentence: tokens[i]!.sentence,
  }))
  const consumed = new Uint8Array(tokens.length)
  const result: Scan = { tokens, words: [], phrases: [], targets: [], possessives: [] }

  // Phrases first: their words are reported once, as the phrase.
  for (const trie of [base.trie, lex.extraTrie]) {
    if (!trie) continue
    for (let i = 0; i < tokens.length; i++) {
      const k = keys[i]!
      if (!trie.next.has(k.plain) && !k.disguised.some((d) => trie.next.has(d))) continue
      const hit = longestAt(trie, keys, i)
      if (!hit) continue
      const phrase = hit.entry.term
      if (lex.removed.has(keys.slice(hit.first, hit.last + 1).map((k) => k.plain).join(' '))) continue
      if (lex.removed.size > 0 && lex.removed.has(termKey(phrase))) continue
      if (hit.entry.tier === 'address') {
        result.targets.push(hit.last)
        continue
      }
      for (let k = hit.first; k <= hit.last; k++) consumed[k] = 1
      if (hit.entry.tier !== 'allow') {
        const span = { start: tokens[hit.first]!.start, end: tokens[hit.last]!.end }
        result.phrases.push({ kind: 'phrase', ...hit, span })
      }
      i = hit.last
    }
  }

  let s = 0 // skipped spans and tokens are both in text order: one pointer walks both
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    while (s < skip.length && skip[s]!.end <= t.start) s++
    const skipped = s < skip.length && t.start >= skip[s]!.start && t.end <= skip[s]!.end
    if ((t.elided && base.targetsElided.has(t.text)) || base.targets.has(t.text) || t.mention) {
      result.targets.push(i)
    } else if (base.possessives.has(t.text)) result.possessives.push(i)
    if (consumed[i] || skipped || base.allow.has(t.text)) continue
    const found = lookupForms(lex, forms[i]!)
    if (!found) continue
    const hit: WordHit = { kind: 'word', entry: found.entry, first: i, last: i, span: { start: t.start, end: t.end } }
    if (found.form.disguise) hit.disguise = found.form.disguise
    result.words.push(hit)
  }

  for (const run of spacedRuns(tokens, norm)) {
    const found = lookupRun(lex, tokens, run, consumed)
    if (found) result.words.push(found)
  }
  return result
}

/**
 * A run of single letters, read as one word; also without one or two letters at either end, since
 * a run often starts with a real one-letter word (« What a c u n t », « d'e n c u l é »).
 */
function lookupRun(lex: SiteLexicon, tokens: Token[], run: SpacedRun, consumed: Uint8Array): WordHit | undefined {
  // The joined text is built once; each trimmed reading is a slice of it (a run of a thousand
  // letters would otherwise be rebuilt nine times).
  const offsets: number[] = [0]
  let anyConsumed = false
  for (let k = run.first; k <= run.last; k++) {
    offsets.push(offsets[offsets.length - 1]! + tokens[k]!.text.length)
    if (consumed[k]) anyConsumed = true
  }
  for (let cutStart = 0; cutStart <= 2; cutStart++) {
    for (let cutEnd = 0; cutEnd <= 2; cutEnd++) {
      const first = run.first + cutStart
      const last = run.last - cutEnd
      if (last - first + 1 < 3) continue
      if (anyConsumed && consumed.subarray(first, last + 1).includes(1)) continue
      const text = run.text.slice(offsets[cutStart], offsets[last - run.first + 1])
      if (lex.base.allow.has(text)) continue
      const found = lookupForms(lex, tokenForms(text, { spaced: true }))
      if (!found) continue
      return {
        kind: 'word',
        entry: found.entry,
        first,
        last,
        span: { start: tokens[first]!.start, end: tokens[last]!.end },
        disguise: 'spacing',
      }
    }
  }
  return undefined
}
