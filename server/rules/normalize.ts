import type { Span } from './rules.types.ts'

/**
 * Normalized views of a comment, each character mapped back to the UTF-16 range it came from in the
 * text as typed, so a word found in a view is highlighted exactly where the author wrote it.
 *
 * Both views: NFKC (fullwidth and mathematical letters become plain ones), invisible characters
 * removed (zero-width, soft hyphen, bidi controls, variation selectors, every \p{Cf}), every kind of
 * space a plain space (U+00A0 and the U+202F of French typography included), typographic apostrophes
 * and hyphens made ASCII, lowercase. `folded` also drops accents (é→e, œ→oe), because authors write
 * « crétin » and « cretin » alike. Token-level undoing of disguise (leet, homoglyphs) is in forms.ts:
 * it must only happen inside words that mix scripts or letters with digits.
 */

/** One view: `text[k]` came from `original.slice(start[k], end[k])`. */
export interface TextView {
  text: string
  start: number[]
  end: number[]
}

export interface FoldedView extends TextView {
  /** 1 where the original character was a capital (case boundaries inside display names). */
  upper: Uint8Array
  /** 1 where NFKC changed a letter or an invisible character was dropped just before it. */
  altered: Uint8Array
}

export interface Normalized {
  original: string
  /** Built on demand: the rules match on `folded`; the accented view is for display and tools. */
  readonly accented: TextView
  folded: FoldedView
}

// Format characters and the blank-looking fillers used to break words without showing anything.
const INVISIBLE = /^[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0\u180B-\u180F\uFE00-\uFE0F\u2800\u{E0100}-\u{E01EF}]$/u
const SPACE = /^[\s\p{Zs}]$/u
const MARK = /^\p{M}$/u
const APOSTROPHES = new Set(['’', '‘', 'ʼ', 'ʹ', '′', '´', '`', '＇', 'ʻ'])
const HYPHENS = new Set(['‐', '‑', '‒', '–', '—', '―', '−'])
// Letters NFD does not decompose but readers treat as accented Latin.
const FOLD_SPECIAL: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ŀ: 'l',
}

const OTHER_KIND = 0
const INVISIBLE_KIND = 1
const SPACE_KIND = 2
const MARK_KIND = 3
const kindCache = new Map<number, number>()

/** What a non-ASCII code point is to the views (memoized: a text reuses few distinct ones). */
function kindOf(cp: number, ch: string): number {
  let kind = kindCache.get(cp)
  if (kind !== undefined) return kind
  if (INVISIBLE.test(ch)) kind = INVISIBLE_KIND
  else if (SPACE.test(ch)) kind = SPACE_KIND
  else if (MARK.test(ch)) kind = MARK_KIND
  else kind = OTHER_KIND
  if (kindCache.size < 20_000) kindCache.set(cp, kind)
  return kind
}

interface ClusterInfo {
  lower: string
  upper: boolean
  altered: boolean
}
// Bounded memo: French text reuses a few dozen accented letters; NFKC per character is the hot cost.
const clusterCache = new Map<string, ClusterInfo>()
const foldCache = new Map<string, string>()

function clusterInfo(cluster: string): ClusterInfo {
  const cached = clusterCache.get(cluster)
  if (cached) return cached
  let info: ClusterInfo
  if (APOSTROPHES.has(cluster)) info = { lower: "'", upper: false, altered: false }
  else if (HYPHENS.has(cluster)) info = { lower: '-', upper: false, altered: false }
  else {
    const nfkc = cluster.normalize('NFKC')
    const lower = nfkc.toLowerCase()
    info = { lower, upper: lower !== nfkc, altered: nfkc !== cluster.normalize('NFC') }
  }
  if (clusterCache.size < 10_000) clusterCache.set(cluster, info)
  return info
}

function foldChar(ch: string): string {
  if (ch.charCodeAt(0) < 0x80) return ch
  const cached = foldCache.get(ch)
  if (cached !== undefined) return cached
  const folded = FOLD_SPECIAL[ch] ?? ch.normalize('NFD').replace(/\p{M}+/gu, '')
  if (foldCache.size < 10_000) foldCache.set(ch, folded)
  return folded
}

/** Builds the views of a text; the accented one on first use. */
export function normalize(original: string): Normalized {
  const folded = build(original, false).folded
  let accented: TextView | undefined
  return {
    original,
    folded,
    get accented() {
      accented ??= build(original, true).accented
      return accented
    },
  }
}

/** One linear pass over the text. */
function build(original: string, withAccents: boolean): { accented: TextView; folded: FoldedView } {
  const acc: string[] = []
  const accStart: number[] = []
  const accEnd: number[] = []
  const fold: string[] = []
  const foldStart: number[] = []
  const foldEnd: number[] = []
  const upper: number[] = []
  const altered: number[] = []
  let afterInvisible = false

  const emit = (lower: string, s: number, e: number, isUpper: boolean, isAltered: boolean) => {
    for (const ch of lower) {
      if (withAccents) {
        acc.push(ch)
        for (let k = 0; k < ch.length; k++) {
          accStart.push(s)
          accEnd.push(e)
        }
      }
      const f = foldChar(ch)
      fold.push(f)
      for (let k = 0; k < f.length; k++) {
        foldStart.push(s)
        foldEnd.push(e)
        upper.push(isUpper ? 1 : 0)
        altered.push(isAltered || afterInvisible ? 1 : 0)
        afterInvisible = false
      }
    }
  }

  const n = original.length
  let i = 0
  while (i < n) {
    const cp = original.codePointAt(i)!
    let j = i + (cp > 0xffff ? 2 : 1)
    // Fast path: ASCII not followed by a combining mark (every mark is at U+0300 or above).
    if (cp < 0x80 && (j >= n || original.charCodeAt(j) < 0x300)) {
      let ch: string
      let isUpper = 0
      if (cp === 32 || (cp >= 9 && cp <= 13)) ch = ' '
      else if (cp >= 65 && cp <= 90) {
        ch = String.fromCharCode(cp + 32)
        isUpper = 1
      } else if (cp === 96) ch = "'"
      else ch = original[i]!
      if (withAccents) {
        acc.push(ch)
        accStart.push(i)
        accEnd.push(j)
      }
      fold.push(ch)
      foldStart.push(i)
      foldEnd.push(j)
      upper.push(isUpper)
      altered.push(afterInvisible && ch !== ' ' ? 1 : 0)
      afterInvisible = false
      i = j
      continue
    }
    const base = String.fromCodePoint(cp)
    const kind = kindOf(cp, base)
    if (kind === INVISIBLE_KIND) {
      afterInvisible = true
      i = j
      continue
    }
    // A base letter and the combining marks after it form one cluster (e + ◌́ = é).
    let cluster = base
    while (j < n && original.charCodeAt(j) >= 0x300) {
      const next = original.codePointAt(j)!
      const nextKind = kindOf(next, String.fromCodePoint(next))
      if (nextKind !== MARK_KIND && nextKind !== INVISIBLE_KIND) break
      if (nextKind === INVISIBLE_KIND) afterInvisible = true
      else cluster += String.fromCodePoint(next)
      j += next > 0xffff ? 2 : 1
    }
    if (kind === SPACE_KIND) emit(' ', i, j, false, false)
    else {
      const info = clusterInfo(cluster)
      emit(info.lower, i, j, info.upper, info.altered)
    }
    i = j
  }

  return {
    accented: { text: acc.join(''), start: accStart, end: accEnd },
    folded: {
      text: fold.join(''),
      start: foldStart,
      end: foldEnd,
      upper: Uint8Array.from(upper),
      altered: Uint8Array.from(altered),
    },
  }
}

/** The span in the original text of the view's range `[from, to)`. */
export function spanOf(view: TextView, from: number, to: number): Span {
  if (to <= from) {
    const at = view.start[from] ?? view.end[view.end.length - 1] ?? 0
    return { start: at, end: at }
  }
  return { start: view.start[from]!, end: view.end[to - 1]! }
}

/** The folded form of a short string (a site's word or name): for comparing with folded tokens. */
export function foldText(text: string): string {
  return normalize(text).folded.text
}
