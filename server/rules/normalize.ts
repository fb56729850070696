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
  start: Int32Array
  end: Int32Array
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

interface SingleInfo extends ClusterInfo {
  kind: number
  folded: string
}
const singleCache = new Map<number, SingleInfo>()

/** All a lone BMP character is to the views, by code unit (no string built on a cache hit). */
function singleInfo(c: number): SingleInfo {
  let info = singleCache.get(c)
  if (!info) {
    const ch = String.fromCharCode(c)
    const cluster = clusterInfo(ch)
    info = { ...cluster, kind: kindOf(c, ch), folded: foldCluster(cluster.lower) }
    if (singleCache.size < 20_000) singleCache.set(c, info)
  }
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
  const folded = build(original, true)
  let accented: TextView | undefined
  return {
    original,
    folded,
    get accented() {
      accented ??= build(original, false)
      return accented
    },
  }
}

/**
 * The characters of a view and their origins, in typed arrays grown by doubling: a comment costs a
 * handful of allocations rather than several per character (which made the collector the hot spot).
 */
class ViewBuilder {
  length = 0
  codes: Uint16Array
  start: Int32Array
  end: Int32Array
  upper: Uint8Array
  altered: Uint8Array

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity)
    this.start = new Int32Array(capacity)
    this.end = new Int32Array(capacity)
    this.upper = new Uint8Array(capacity)
    this.altered = new Uint8Array(capacity)
  }

  push(code: number, s: number, e: number, upper: number, altered: number) {
    if (this.length === this.codes.length) this.grow()
    const k = this.length++
    this.codes[k] = code
    this.start[k] = s
    this.end[k] = e
    this.upper[k] = upper
    this.altered[k] = altered
  }

  private grow() {
    const size = this.codes.length * 2 + 16
    const copy = <T extends Uint16Array | Int32Array | Uint8Array>(from: T, to: T) => {
      to.set(from)
      return to
    }
    this.codes = copy(this.codes, new Uint16Array(size))
    this.start = copy(this.start, new Int32Array(size))
    this.end = copy(this.end, new Int32Array(size))
    this.upper = copy(this.upper, new Uint8Array(size))
    this.altered = copy(this.altered, new Uint8Array(size))
  }

  view(): FoldedView {
    const n = this.length
    // fromCharCode keeps lone surrogates as typed (a TextDecoder would replace them); in chunks,
    // because spreading a long array as arguments overflows the stack.
    let text = ''
    for (let k = 0; k < n; k += 4096) {
      text += String.fromCharCode.apply(null, this.codes.subarray(k, Math.min(n, k + 4096)) as unknown as number[])
    }
    return {
      text,
      start: this.start.subarray(0, n),
      end: this.end.subarray(0, n),
      upper: this.upper.subarray(0, n),
      altered: this.altered.subarray(0, n),
    }
  }
}

/** One linear pass over the text: the folded view, or with `fold` false the accented one. */
function build(original: string, fold: boolean): FoldedView {
  const n = original.length
  const out = new ViewBuilder(n + 16)
  let afterInvisible = false

  const emit = (chars: string, s: number, e: number, isUpper: boolean, isAltered: boolean) => {
    const up = isUpper ? 1 : 0
    for (let k = 0; k < chars.length; k++) {
      out.push(chars.charCodeAt(k), s, e, up, isAltered || afterInvisible ? 1 : 0)
      afterInvisible = false
    }
  }

  let i = 0
  while (i < n) {
    const c = original.charCodeAt(i)
    // Fast path: ASCII not followed by a combining mark (every mark is at U+0300 or above).
    if (c < 0x80 && (i + 1 >= n || original.charCodeAt(i + 1) < 0x300)) {
      let code = c
      let isUpper = 0
      if (c === 32 || (c >= 9 && c <= 13)) code = 32
      else if (c >= 65 && c <= 90) {
        code = c + 32
        isUpper = 1
      } else if (c === 96) code = 39 // backtick → apostrophe
      out.push(code, i, i + 1, isUpper, afterInvisible && code !== 32 ? 1 : 0)
      afterInvisible = false
      i++
      continue
    }
    // Second fast path: a BMP character with no mark after it (é, ’, the narrow no-break space).
    if ((c < 0xd800 || c > 0xdfff) && (i + 1 >= n || original.charCodeAt(i + 1) < 0x300)) {
      const single = singleInfo(c)
      if (single.kind === INVISIBLE_KIND) afterInvisible = true
      else if (single.kind === SPACE_KIND) emit(' ', i, i + 1, false, false)
      else emit(fold ? single.folded : single.lower, i, i + 1, single.upper, single.altered)
      i++
      continue
    }
    const cp = original.codePointAt(i)!
    let j = i + (cp > 0xffff ? 2 : 1)
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
      emit(fold ? foldCluster(info.lower) : info.lower, i, j, info.upper, info.altered)
    }
    i = j
  }
  return out.view()
}

/** `foldChar` over each character of a (short) lowercased cluster. */
function foldCluster(lower: string): string {
  if (lower.length === 1 || (lower.length === 2 && lower.codePointAt(0)! > 0xffff)) return foldChar(lower)
  let folded = ''
  for (const ch of lower) folded += foldChar(ch)
  return folded
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
