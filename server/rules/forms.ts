import disguise from './lexicon/disguise.json' with { type: 'json' }

/**
 * The readings of one token to look up in the lexicon: first the token as written, then the words it
 * may disguise. Each disguise is undone only where the token shows it — homoglyphs only in a token
 * mixing scripts, leet only in a token mixing letters with digits or symbols, letter runs only where
 * a letter repeats three times or more — so ordinary words (and Russian or Greek ones) stay as they are.
 */

export type Disguise = 'unicode' | 'spacing' | 'homoglyph' | 'leet' | 'repeat' | 'mask'

export interface Form {
  key: string
  /** Set when this reading exists only because a disguise was undone. */
  disguise?: Disguise
  /** The key holds mask characters: each stands for any one letter. */
  wildcard?: boolean
}

const HOMOGLYPHS = new Map(Object.entries(disguise.homoglyphs))
const LEET = new Map(Object.entries(disguise.leet))
const MASKS = new Set([...disguise.masks])
/** Enough readings for `1` = i or l in a short word, without letting a long token explode. */
const MAX_READINGS = 16
const MAX_MASKS = 2
/** No listed word is longer; past this a token is only looked up plain and with runs collapsed. */
const MAX_DISGUISED_LENGTH = 40
const PLAIN_ASCII = /^[a-z]+$/

const LATIN = /^\p{Script=Latin}$/u
const CYRILLIC_GREEK = /^[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}]$/u
const LETTER = /^\p{L}$/u

interface Shape {
  latin: boolean
  foreign: boolean
  letters: number
  leet: boolean
  masks: number
  longRun: boolean
}

// ASCII characters by class, looked up instead of hashing a one-character string each time.
const ASCII_OTHER = 0
const ASCII_MASK = 1
const ASCII_LEET = 2
const ASCII_CLASS = new Uint8Array(128)
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c)
  ASCII_CLASS[c] = MASKS.has(ch) ? ASCII_MASK : LEET.has(ch) ? ASCII_LEET : ASCII_OTHER
}

function shapeOf(text: string): Shape {
  const shape: Shape = { latin: false, foreign: false, letters: 0, leet: false, masks: 0, longRun: false }
  let prev = -1
  let run = 0
  // By code point without allocating a string per character: runs of one letter make tokens long.
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!
    if (c > 0xffff) i++
    run = c === prev ? run + 1 : 1
    prev = c
    if (run >= 3) shape.longRun = true
    if (c >= 97 && c <= 122) {
      shape.latin = true
      shape.letters++
      continue
    }
    if (c < 0x80) {
      const kind = ASCII_CLASS[c]
      if (kind === ASCII_MASK) shape.masks++
      else if (kind === ASCII_LEET) shape.leet = true
      continue
    }
    const ch = String.fromCodePoint(c)
    if (MASKS.has(ch)) shape.masks++
    else if (LEET.has(ch)) shape.leet = true
    else if (LETTER.test(ch)) {
      shape.letters++
      if (CYRILLIC_GREEK.test(ch)) shape.foreign = true
      else if (LATIN.test(ch)) shape.latin = true
    }
  }
  return shape
}

function hasLongRun(text: string): boolean {
  for (let i = 2; i < text.length; i++) {
    if (text.charCodeAt(i) === text.charCodeAt(i - 1) && text.charCodeAt(i) === text.charCodeAt(i - 2)) return true
  }
  return false
}

function undoHomoglyphs(text: string): string {
  let out = ''
  for (const ch of text) out += HOMOGLYPHS.get(ch) ?? ch
  return out
}

/** Every leet reading of `text`, at most MAX_READINGS, the first choice of each symbol first. */
function leetReadings(text: string): string[] {
  let readings = ['']
  for (const ch of text) {
    const options = LEET.get(ch)
    if (!options) {
      for (let r = 0; r < readings.length; r++) readings[r] += ch
      continue
    }
    const next: string[] = []
    for (const option of options) {
      for (const r of readings) if (next.length < MAX_READINGS) next.push(r + option)
    }
    readings = next
  }
  return readings
}

/**
 * Runs of one letter at least `minRun` long cut to `max`: `cooonnnard` → `connard` (3+ → 1),
 * `conard` (2+ → 1), `coonnard` (3+ → 2). Shorter runs are kept as written.
 */
export function collapseRuns(text: string, max: number, minRun = 2): string {
  let out = ''
  for (let i = 0; i < text.length; ) {
    const c = text.codePointAt(i)!
    const width = c > 0xffff ? 2 : 1
    let j = i + width
    while (j < text.length && text.codePointAt(j) === c) j += width
    const run = (j - i) / width
    // The run as written, or cut: slices of the text, not one string per character.
    out += run >= minRun && run > max ? text.slice(i, i + max * width) : text.slice(i, j)
    i = j
  }
  return out
}

/** The readings of a token, the plain one (if any) first. */
export function tokenForms(text: string, opts: { altered?: boolean; spaced?: boolean } = {}): Form[] {
  // Most tokens: plain lowercase ASCII words, no run of three.
  if (!opts.altered && !opts.spaced && PLAIN_ASCII.test(text) && !hasLongRun(text)) return [{ key: text }]
  const forms: Form[] = []
  const seen = new Set<string>()
  const add = (key: string, d: Disguise | undefined, wildcard = false) => {
    if (seen.has(key)) return
    seen.add(key)
    const form: Form = { key }
    if (d) form.disguise = d
    if (wildcard) form.wildcard = true
    forms.push(form)
  }
  const shape = shapeOf(text)
  if (shape.letters === 0) return forms
  let disguised: Disguise | undefined = opts.spaced ? 'spacing' : opts.altered ? 'unicode' : undefined
  let base = text
  if (shape.foreign && (shape.latin || shape.leet)) {
    base = undoHomoglyphs(text)
    disguised ??= 'homoglyph'
  }
  const afterGlyphs = base === text ? shape : shapeOf(base)
  if (text.length > MAX_DISGUISED_LENGTH) {
    if (!afterGlyphs.leet && afterGlyphs.masks === 0) add(base, disguised)
    if (afterGlyphs.longRun) add(collapseRuns(base, 1, 3), disguised ?? 'repeat')
    return forms
  }
  const candidates: { key: string; d: Disguise | undefined }[] = []
  if (!afterGlyphs.leet) candidates.push({ key: base, d: disguised })
  else for (const key of leetReadings(base)) candidates.push({ key, d: disguised ?? 'leet' })

  for (const { key, d } of candidates) {
    const masks = afterGlyphs.masks
    if (masks > 0) {
      // A mask stands for one letter; too many masks, or too few letters, and any word would fit.
      if (masks <= MAX_MASKS && afterGlyphs.letters >= 2 && key.length >= 3) add(key, d ?? 'mask', true)
      continue
    }
    add(key, d)
    if (afterGlyphs.longRun || shapeOf(key).longRun) {
      add(collapseRuns(key, 1, 3), d ?? 'repeat')
      add(collapseRuns(key, 1, 2), d ?? 'repeat')
      add(collapseRuns(key, 2, 3), d ?? 'repeat')
    }
  }
  return forms
}
