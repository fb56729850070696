import { describe, expect, it } from 'vitest'
import { normalize, spanOf } from '../../server/rules/normalize.ts'
import { spacedRuns, tokenize } from '../../server/rules/tokens.ts'

const slice = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end)

describe('normalize', () => {
  it('folds case, accents, ligatures and every kind of space', () => {
    const n = normalize('Œuvre\u202Fà\u00A0Crétin')
    expect(n.folded.text).toBe('oeuvre a cretin')
    expect(n.accented.text).toBe('œuvre à crétin')
  })

  it('maps folded characters back to the original, through NFKC and removed characters', () => {
    const text = 'Le ｃｏｎ\u200Bnard est là'
    const n = normalize(text)
    const at = n.folded.text.indexOf('connard')
    expect(at).toBeGreaterThan(0)
    expect(slice(text, spanOf(n.folded, at, at + 7))).toBe('ｃｏｎ\u200Bnard')
  })

  it('keeps a combining accent with its letter', () => {
    const text = 'cre\u0301tin'
    const n = normalize(text)
    expect(n.folded.text).toBe('cretin')
    expect(n.accented.text).toBe('crétin')
    expect(slice(text, spanOf(n.folded, 0, 6))).toBe(text)
  })

  it('drops invisible characters and marks the letter after them', () => {
    const n = normalize('a\u00ADb\u2066c\uFE0F')
    expect(n.folded.text).toBe('abc')
    expect([...n.folded.altered]).toEqual([0, 1, 1])
  })

  it('maps astral characters (mathematical letters) to two original code units', () => {
    const text = 'x 𝐜𝐨𝐧 y'
    const n = normalize(text)
    expect(n.folded.text).toBe('x con y')
    expect(slice(text, spanOf(n.folded, 2, 5))).toBe('𝐜𝐨𝐧')
  })
})

describe('tokenize', () => {
  it('splits French elisions with straight and curly apostrophes', () => {
    const tokens = tokenize(normalize('L’homme qu\'on t\'a dit, jusqu’ici'))
    expect(tokens.map((t) => t.text)).toEqual(['l', 'homme', 'qu', 'on', 't', 'a', 'dit', 'jusqu', 'ici'])
    expect(tokens.filter((t) => t.elided).map((t) => t.text)).toEqual(['l', 'qu', 't', 'jusqu'])
  })

  it('keeps leet and masks inside a word, strips emphasis and marks mentions', () => {
    const tokens = tokenize(normalize('*vraiment* c0n p#te @jean merde!!!'))
    expect(tokens.map((t) => t.text)).toEqual(['vraiment', 'c0n', 'p#te', 'jean', 'merde'])
    expect(tokens[3]!.mention).toBe(true)
    expect(tokens[3]!.start).toBe(20) // the `@` is part of the span
  })

  it('counts sentences', () => {
    const tokens = tokenize(normalize('Tu sais. Idiot ! Non'))
    expect(tokens.map((t) => t.sentence)).toEqual([0, 0, 1, 2])
  })

  it('joins spaced, dotted and hyphenated single letters back', () => {
    for (const text of ['c o n n a r d', 'c.o.n.n.a.r.d', 'c-o-n-n-a-r-d']) {
      const n = normalize(`Quel ${text} !`)
      const runs = spacedRuns(tokenize(n), n)
      expect(runs.map((r) => r.text)).toEqual(['connard'])
      expect(runs[0]!.start).toBe(5)
      expect(runs[0]!.end).toBe(5 + text.length)
    }
  })

  it('does not join letters far apart', () => {
    const n = normalize('a    b    c')
    expect(spacedRuns(tokenize(n), n)).toEqual([])
  })
})
