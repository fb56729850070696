import disguise from './lexicon/disguise.json' with { type: 'json' }
import type { Normalized } from './normalize.ts'

/**
 * Splits the folded view into word tokens, by one explicit scan (no regular expression over user
 * text). A token keeps leet digits, symbols and masks (`c0n`, `p#te`) so forms.ts can read them; it
 * is split at apostrophes (French elisions: l' d' qu' j' t' jusqu'…), hyphens and dots between
 * letters, so `c-o-n` and `c.o.n` become single letters that `spacedRuns` joins back.
 */

export interface Token {
  /** Folded text as typed: digits, leet symbols and masks kept. */
  text: string
  /** Range in the folded view. */
  from: number
  to: number
  /** Range in the original text. */
  start: number
  end: number
  /** Position in the token list. */
  index: number
  /** Written before an apostrophe: `t'` in « t'es », `l'` in « l'homme ». */
  elided: boolean
  /** Written with a leading `@`. */
  mention: boolean
  /** Sentence number: insults count as aimed only within one sentence. */
  sentence: number
  /** Starts with a capital letter in the original. */
  capital: boolean
  /** NFKC changed one of its letters, or an invisible character was hidden inside it. */
  altered: boolean
}

/** A run of single letters (`c o n`, `c.o.n`) joined back into one word. */
export interface SpacedRun {
  text: string
  first: number
  last: number
  start: number
  end: number
}

const LEET_SYMBOLS = new Set(Object.keys(disguise.leet).filter((k) => !/[0-9]/.test(k)))
const MASKS = new Set([...disguise.masks])
// Symbols stripped at the edges of a token: emphasis (*mot*, _mot_), hashtags, exclamations.
const EDGE = new Set(['!', '*', '#', '_', '•', '|', '@'])
const JOINERS = new Set(["'", '-', '.'])
const SENTENCE_END = new Set(['.', '!', '?', '…', ';', '\n'])
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u

/** True for characters that can be part of a token. */
export function isWordChar(ch: string): boolean {
  return isWordCode(ch.charCodeAt(0))
}

// What each UTF-16 code unit is to the tokenizer, learned on first sight: 0 unknown, 1 word, 2 not.
// Texts reuse few distinct characters, and a regular expression per character was a hot spot.
const WORD_CODE = new Uint8Array(0x10000)

function isWordCode(c: number): boolean {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return true
  let known = WORD_CODE[c]!
  if (known === 0) {
    const ch = String.fromCharCode(c)
    const word =
      c >= 0xd800 && c <= 0xdfff
        ? false
        : LEET_SYMBOLS.has(ch) || MASKS.has(ch) || (c >= 0x80 && LETTER_OR_DIGIT.test(ch))
    known = word ? 1 : 2
    WORD_CODE[c] = known
  }
  return known === 1
}

/** The tokens of a normalized text, in order. */
export function tokenize(norm: Normalized): Token[] {
  const { text, start, end, upper, altered } = norm.folded
  const original = norm.original
  const tokens: Token[] = []
  let sentence = 0
  const n = text.length
  let i = 0

  const push = (a: number, b: number, elided: boolean) => {
    let mention = false
    // « Idiot ! » : a lone `!` is stripped below, yet it still ends the sentence.
    let endsSentence = text[b - 1] === '!'
    while (a < b && EDGE.has(text[a]!)) {
      if (text[a] === '@' && a + 1 < b && text[a + 1] !== '@') mention = true
      a++
    }
    while (b > a && EDGE.has(text[b - 1]!)) b--
    if (a < b) {
      let isAltered = false
      for (let k = a; k < b; k++) if (altered[k]) isAltered = true
      const s = start[a]!
      // `@` of a mention starts the span: the widget highlights "@jean", as typed.
      const spanStart = mention && a > 0 && original[start[a - 1]!] === '@' ? start[a - 1]! : s
      tokens.push({
        text: text.slice(a, b),
        from: a,
        to: b,
        start: spanStart,
        end: end[b - 1]!,
        index: tokens.length,
        elided,
        mention,
        sentence,
        capital: upper[a] === 1,
        altered: isAltered,
      })
    }
    if (endsSentence) sentence++
  }

  while (i < n) {
    if (!isWordCode(text.charCodeAt(i))) {
      if (SENTENCE_END.has(text[i]!)) sentence++
      i++
      continue
    }
    let j = i + 1
    while (j < n && isWordCode(text.charCodeAt(j))) j++
    // A joiner between two word characters splits the word but does not end a sentence.
    const joiner = j + 1 < n && JOINERS.has(text[j]!) && isWordCode(text.charCodeAt(j + 1)) ? text[j]! : ''
    push(i, j, joiner === "'")
    i = joiner ? j + 1 : j
  }
  return tokens
}

/**
 * Runs of at least three single-character tokens, close together in one sentence: `c o n n a r d`,
 * `c.o.n`, `c-o-n`. A wider gap (two spaces or more) ends a run, so spaced words stay apart.
 */
export function spacedRuns(tokens: Token[], norm: Normalized): SpacedRun[] {
  const runs: SpacedRun[] = []
  const text = norm.folded.text
  let first = 0
  const close = (last: number) => {
    if (last - first + 1 < 3) return
    let joined = ''
    for (let k = first; k <= last; k++) joined += tokens[k]!.text
    runs.push({
      text: joined,
      first,
      last,
      start: tokens[first]!.start,
      end: tokens[last]!.end,
    })
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!
    const single = t.text.length === 1 || (t.text.length === 2 && t.text.codePointAt(0)! > 0xffff)
    if (!single) {
      close(k - 1)
      first = k + 1
      continue
    }
    if (k > first && !joinsRun(text, tokens[k - 1]!, t)) {
      close(k - 1)
      first = k
    }
  }
  close(tokens.length - 1)
  return runs
}

/** True when the gap between two single letters keeps them in one run (`c o n`, `c.o.n`, `c-o-n`). */
function joinsRun(text: string, prev: Token, t: Token): boolean {
  const gap = t.from - prev.to
  if (prev.sentence !== t.sentence) {
    // Only a lone dot or hyphen, which the tokenizer counted as a sentence end: `c.o.n`.
    const c = text.charCodeAt(prev.to)
    return gap === 1 && (c === 46 || c === 45)
  }
  if (gap > 2) return false
  for (let k = prev.to; k < t.from; k++) {
    const c = text.charCodeAt(k)
    // space . - _ * ' /
    if (c !== 32 && c !== 46 && c !== 45 && c !== 95 && c !== 42 && c !== 39 && c !== 47) return false
  }
  return true
}
