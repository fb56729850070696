import type { RuleSettings } from './rules.settings.ts'
import type { RuleMatch, Span } from './rules.types.ts'

/** `length` and `shouting`: the rules about the shape of a text rather than its words. */

/** `length`: between min and max characters (code points) once trimmed. */
export function lengthRule(text: string, settings: RuleSettings['length']): RuleMatch[] {
  const trimmed = text.trim()
  const offset = text.indexOf(trimmed)
  let count = 0
  let cut = -1
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i)
    if (c >= 0xdc00 && c <= 0xdfff) continue // second half of a surrogate pair
    count++
    if (count === settings.max + 1) cut = i
  }
  if (count < settings.min) {
    return [{ rule: 'length', action: 'reject', term: 'too_short', spans: [{ start: 0, end: text.length }] }]
  }
  if (cut >= 0) {
    // The part past the limit: what the author has to cut.
    const span: Span = { start: offset + cut, end: offset + trimmed.length }
    return [{ rule: 'length', action: 'reject', term: 'too_long', spans: [span] }]
  }
  return []
}

/** Words in capitals this short are acronyms (SNCF, ONU, OTAN) when the rest is in lower case. */
const ACRONYM_MAX = 5

const LOWER = 1
const UPPER = 2
const CASELESS = 3
// The case of each UTF-16 code unit, learned on first sight: two case conversions per accented
// letter were most of this rule's cost.
const CASE = new Uint8Array(0x10000)

function caseOf(c: number): number {
  let kind = CASE[c]!
  if (kind === 0) {
    const ch = String.fromCharCode(c)
    const lo = ch.toLowerCase()
    kind = lo === ch.toUpperCase() ? CASELESS : ch === lo ? LOWER : UPPER
    CASE[c] = kind
  }
  return kind
}

/**
 * `shouting`: the share of capitals among the letters that have a case, once there are enough of
 * them. Links are left out (their case means nothing), and so are acronyms in a text that also has
 * lower case: « l'ONU, l'OTAN et l'UE » is not a shout.
 */
export function shoutingRule(text: string, settings: RuleSettings['shouting'], skip: Span[] = []): RuleMatch[] {
  if (!settings.enabled) return []
  let upper = 0
  let lower = 0
  let acronymLetters = 0
  let wordUpper = 0
  let wordLower = 0
  const endWord = () => {
    if (wordLower === 0 && wordUpper > 0 && wordUpper <= ACRONYM_MAX) acronymLetters += wordUpper
    wordUpper = 0
    wordLower = 0
  }
  let s = 0
  for (let i = 0; i < text.length; i++) {
    while (s < skip.length && skip[s]!.end <= i) s++
    if (s < skip.length && skip[s]!.start <= i) continue
    const c = text.charCodeAt(i)
    let isLower: boolean
    if (c >= 97 && c <= 122) isLower = true
    else if (c >= 65 && c <= 90) isLower = false
    else if (c < 0x80) {
      endWord()
      continue
    } else {
      const kind = caseOf(c)
      if (kind === CASELESS) {
        endWord()
        continue
      }
      isLower = kind === LOWER
    }
    if (isLower) {
      lower++
      wordLower++
    } else {
      upper++
      wordUpper++
    }
  }
  endWord()
  const shouts = (up: number, low: number) => up + low >= settings.minLetters && up / (up + low) >= settings.ratio
  if (!shouts(upper, lower)) return []
  if (lower > 0 && !shouts(upper - acronymLetters, lower)) return []
  return [{ rule: 'shouting', action: 'reject', spans: [{ start: 0, end: text.length }] }]
}
