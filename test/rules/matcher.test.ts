import { describe, expect, it } from 'vitest'
import { collapseRuns, tokenForms } from '../../server/rules/forms.ts'
import { siteLexicon } from '../../server/rules/lexicon.ts'
import { scan } from '../../server/rules/matcher.ts'
import { normalize } from '../../server/rules/normalize.ts'

const found = (text: string) => {
  const s = scan(normalize(text), siteLexicon())
  return [...s.words.map((w) => `${w.entry.term}:${w.disguise ?? 'plain'}`), ...s.phrases.map((p) => p.entry.term)]
}

describe('token forms', () => {
  it('undoes leet only in tokens mixing letters and digits', () => {
    expect(tokenForms('c0nnard').map((f) => f.key)).toContain('connard')
    expect(tokenForms('2026')).toEqual([])
    expect(tokenForms('merde')).toEqual([{ key: 'merde' }])
  })

  it('undoes homoglyphs only in tokens mixing scripts', () => {
    expect(tokenForms('сonnard')[0]).toEqual({ key: 'connard', disguise: 'homoglyph' })
    expect(tokenForms('спасибо')).toEqual([{ key: 'спасибо' }])
  })

  it('collapses letter runs in three ways', () => {
    expect(collapseRuns('cooonnnard', 1, 3)).toBe('conard')
    expect(collapseRuns('coooonnard', 1, 3)).toBe('connard')
    expect(collapseRuns('cooonnnard', 2, 3)).toBe('coonnard')
    expect(collapseRuns('merci', 1, 2)).toBe('merci')
  })

  it('bounds the number of leet readings (16, each with at most 3 collapsed runs)', () => {
    expect(tokenForms('1'.repeat(50) + 'a').length).toBeLessThanOrEqual(64)
  })
})

describe('scan', () => {
  it('matches whole words only', () => {
    for (const w of ['contexte', 'conseil', 'calcul', 'dispute', 'député', 'technique', 'Monténégro', 'Scunthorpe', 'assassin', 'cocktail']) {
      expect(found(`Le mot ${w} ici`), w).toEqual([])
    }
  })

  it('names the disguise undone', () => {
    expect(found('c0nnard')).toEqual(['connard:leet'])
    expect(found('c*nnard')).toEqual(['connard:mask'])
    expect(found('connnnnard')).toEqual(['connard:repeat'])
    expect(found('c o n n a r d')).toEqual(['connard:spacing'])
    expect(found('ｃｏｎｎａｒｄ')).toEqual(['connard:unicode'])
    expect(found('CONNARD')).toEqual(['connard:plain'])
  })

  it('matches phrases over elisions, and not across sentences', () => {
    expect(found("j'vais t'égorger")).toEqual(['je vais te tuer'])
    expect(found('Je vais te. Tuer le temps')).toEqual([])
  })

  it('lets allowed phrases protect their words', () => {
    expect(found('pros and cons')).toEqual([])
    expect(found('un cul-de-sac')).toEqual([])
  })

  it('applies a site’s additions and removals', () => {
    const lex = siteLexicon({ banned: ['Dupont'], suspect: [], allowed: ['merde'] })
    const s = scan(normalize('Dupont dit merde'), lex)
    expect(s.words.map((w) => w.entry.term)).toEqual(['Dupont'])
  })
})
