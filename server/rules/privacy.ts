import type { Span } from './rules.types.ts'
import { IBAN_LENGTHS, ibanValid, isCardNumber } from './validators.ts'

/**
 * `privacy`: contact and payment details in a comment (e-mail, phone, IBAN, card). Explicit scans,
 * each character visited a bounded number of times, and checksums or numbering plans to decide, so
 * years, prices, dates (27/11/2026) and « 1 500 000 euros » are left alone.
 */

export type PrivateKind = 'email' | 'phone' | 'iban' | 'card'

export interface PrivateFound {
  kind: PrivateKind
  span: Span
}

const isDigit = (c: number) => c >= 48 && c <= 57
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isAlnum = (c: number) => isDigit(c) || isAlpha(c)
const isLocalChar = (c: number) => isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45
const isDomainChar = (c: number) => isAlnum(c) || c === 46 || c === 45

/** E-mail addresses: a local part, `@`, a dotted domain ending in letters. */
export function findEmails(text: string): PrivateFound[] {
  const found: PrivateFound[] = []
  let from = 0
  for (let at = text.indexOf('@', from); at !== -1; at = text.indexOf('@', from)) {
    let a = at
    while (a > from && isLocalChar(text.charCodeAt(a - 1))) a--
    let b = at + 1
    while (b < text.length && isDomainChar(text.charCodeAt(b))) b++
    while (b > at + 1 && !isAlpha(text.charCodeAt(b - 1))) b-- // trailing dot or hyphen
    const domain = text.slice(at + 1, b)
    const dot = domain.lastIndexOf('.')
    if (a < at && dot > 0 && domain.length - dot - 1 >= 2) found.push({ kind: 'email', span: { start: a, end: b } })
    from = Math.max(b, at + 1)
  }
  return found
}

// Separators inside a written number: spaces of every kind, dot, hyphen, parentheses.
const SEPARATORS = new Set([32, 0xa0, 0x202f, 0x2009, 46, 45, 40, 41, 0x2011, 0x2013])

interface Group {
  digits: string
  start: number
  end: number
}

interface Chunk {
  groups: Group[]
  /** Where the chunk starts, its `+` or `(` included. */
  start: number
  plus: boolean
}

/**
 * Runs of digit groups joined by at most three separator characters (`06 12 34 56 78`,
 * `+1 (555) 123-4567`), each character scanned once.
 */
function digitChunks(text: string): Chunk[] {
  const chunks: Chunk[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0
    const startsHere =
      isDigit(c) || (c === 43 && (isDigit(next) || next === 40)) || (c === 40 && isDigit(next))
    if (!startsHere || (i > 0 && isAlnum(text.charCodeAt(i - 1)))) {
      i++
      continue
    }
    const plus = c === 43
    let j = plus ? i + 1 : i
    const groups: Group[] = []
    while (j < n) {
      let k = j
      while (k < n && k - j < 3 && SEPARATORS.has(text.charCodeAt(k))) k++
      if (k >= n || !isDigit(text.charCodeAt(k))) break
      const g = k
      while (k < n && isDigit(text.charCodeAt(k))) k++
      groups.push({ digits: text.slice(g, k), start: g, end: k })
      j = k
    }
    if (groups.length > 0) chunks.push({ groups, start: i, plus })
    i = Math.max(j, i + 1)
  }
  return chunks
}

// A unit after the number makes it a quantity: « +12 345 678 habitants », « 0612345678 € ».
const NEXT_UNIT =
  /^[\s\u00a0\u202f]{0,3}(€|\$|£|%|euros?\b|dollars?\b|eur\b|usd\b|habitants|personnes|emplois|ans\b|km\b|tonnes|voix|people|jobs)/i

/** Sizes of groups `from..to` of a chunk, as `3,3,4`. */
function sizesOf(groups: Group[], from: number, to: number): number[] {
  const sizes: number[] = []
  for (let k = from; k <= to; k++) sizes.push(groups[k]!.digits.length)
  return sizes
}

/**
 * A phone number: French (0X XX XX XX XX, +33), international (+ and 8–15 digits), North American.
 * Decided from the window's length, its first three digits (`head`) and its group sizes, so the
 * window's digits need not be joined into a string (a long run of digits has many windows).
 */
function isPhone(len: number, head: string, groups: Group[], from: number, to: number, plus: boolean): boolean {
  if (plus) {
    if (len < 8 || len > 15) return false
    // `+12 345 678`: thousands, not a phone.
    const sizes = sizesOf(groups, from, to)
    return !(sizes.length > 1 && sizes[0]! <= 3 && sizes.slice(1).every((s) => s === 3))
  }
  if (len === 10 && head[0] === '0' && head[1] !== '0') {
    return sizesOf(groups, from, to).every((s) => s <= 4 || s === 10)
  }
  if (len >= 11 && len <= 15 && head.startsWith('00') && head[2] !== '0') return true
  if (len === 10 && to - from === 2 && head[0]! >= '2' && head[0]! <= '9') return sizesOf(groups, from, to).join() === '3,3,4'
  if (len === 11 && to - from === 3 && head[0] === '1') return sizesOf(groups, from, to).join() === '1,3,3,4'
  return false
}

/** The first three digits of the groups from `from` on. */
function headDigits(groups: Group[], from: number): string {
  let head = ''
  for (let k = from; k < groups.length && head.length < 3; k++) head += groups[k]!.digits.slice(0, 3 - head.length)
  return head
}

function joinDigits(groups: Group[], from: number, to: number): string {
  let digits = ''
  for (let k = from; k <= to; k++) digits += groups[k]!.digits
  return digits
}

/** Phone and card numbers among the digit runs, trying windows of groups inside long runs. */
export function findNumbers(text: string): PrivateFound[] {
  const found: PrivateFound[] = []
  for (const chunk of digitChunks(text)) {
    const { groups } = chunk
    let i = 0
    while (i < groups.length) {
      let matched = -1
      let kind: PrivateKind = 'phone'
      const plus = chunk.plus && i === 0
      const head = headDigits(groups, i)
      // Card issuers start with 2 to 6: other windows never need their digits joined for Luhn.
      const cardHead = head[0]! >= '2' && head[0]! <= '6'
      let len = 0
      // Longest window from group i that is a card or a phone; a window stops past 19 digits.
      for (let j = i; j < groups.length; j++) {
        len += groups[j]!.digits.length
        if (len > 19) break
        if (len >= 13 && cardHead && isCardNumber(joinDigits(groups, i, j))) {
          matched = j
          kind = 'card'
        } else if (isPhone(len, head, groups, i, j, plus) && !NEXT_UNIT.test(text.slice(groups[j]!.end, groups[j]!.end + 12))) {
          matched = j
          kind = 'phone'
        }
      }
      if (matched < 0) {
        i++
        continue
      }
      const start = i === 0 ? chunk.start : groups[i]!.start
      found.push({ kind, span: { start, end: groups[matched]!.end } })
      i = matched + 1
    }
  }
  return found
}

/** IBANs: two letters, two check digits, then letters and digits in groups, mod-97 valid. */
export function findIbans(text: string): PrivateFound[] {
  const found: PrivateFound[] = []
  const n = text.length
  for (let i = 0; i + 4 <= n; i++) {
    const c0 = text.charCodeAt(i)
    if (!isAlpha(c0) || (i > 0 && isAlnum(text.charCodeAt(i - 1)))) continue
    if (!isAlpha(text.charCodeAt(i + 1)) || !isDigit(text.charCodeAt(i + 2)) || !isDigit(text.charCodeAt(i + 3))) continue
    const country = text.slice(i, i + 2).toUpperCase()
    let compact = ''
    const ends: number[] = []
    const boundaries: number[] = []
    let j = i
    while (j < n && compact.length < 34) {
      const c = text.charCodeAt(j)
      if (isAlnum(c)) {
        compact += text[j]
        ends.push(j + 1)
        j++
      } else if (c === 32 && j + 1 < n && isAlnum(text.charCodeAt(j + 1))) {
        boundaries.push(compact.length)
        j++
      } else break
    }
    boundaries.push(compact.length)
    const expected = IBAN_LENGTHS[country]
    // Unknown country: try the lengths that end a group, longest first (15 to 34 characters).
    const lengths = expected
      ? [expected]
      : boundaries.filter((b) => b >= 15 && b <= 34).reverse()
    for (const len of lengths) {
      if (compact.length < len || !ibanValid(compact.slice(0, len))) continue
      found.push({ kind: 'iban', span: { start: i, end: ends[len - 1]! } })
      i = ends[len - 1]! - 1
      break
    }
  }
  return found
}

/** Every private detail in the text, by kind, in order. */
export function findPrivate(text: string): PrivateFound[] {
  const ibans = findIbans(text)
  const inIban = (s: Span) => ibans.some((b) => s.start >= b.span.start && s.end <= b.span.end)
  return [...findEmails(text), ...ibans, ...findNumbers(text).filter((f) => !inIban(f.span))].sort(
    (a, b) => a.span.start - b.span.start,
  )
}
