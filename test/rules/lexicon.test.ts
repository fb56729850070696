import { describe, expect, it } from 'vitest'
import en from '../../server/rules/lexicon/en.json' with { type: 'json' }
import fr from '../../server/rules/lexicon/fr.json' with { type: 'json' }
import phrases from '../../server/rules/lexicon/phrases.json' with { type: 'json' }
import { checkContent } from '../../server/rules/content.ts'
import { LEXICON_VERSION } from '../../server/rules/lexicon.ts'
import { foldText } from '../../server/rules/normalize.ts'
import { defaultRuleSettings } from '../../server/rules/rules.settings.ts'
import { rulesCheckLine } from '../../server/rules/rules-check.ts'

const ctx = { settings: defaultRuleSettings, siteName: 'Le Quotidien', authorApprovedCount: 5 }

describe('lexicon data', () => {
  it('has one version across its files', () => {
    expect(LEXICON_VERSION).toMatch(/^\d{4}\.\d{2}\.\d+$/)
    expect([en.version, phrases.version]).toEqual([LEXICON_VERSION, LEXICON_VERSION])
  })

  it('never lists an allowed word as a form', () => {
    const forms = new Set([...fr.entries, ...en.entries].flatMap((e) => e.forms.map(foldText)))
    for (const e of [...fr.entries, ...en.entries]) {
      for (const word of e.allow) expect(forms.has(foldText(word)), word).toBe(false)
    }
  })

  it('lets every allowed word through', () => {
    for (const e of [...fr.entries, ...en.entries]) {
      for (const word of e.allow) expect(checkContent(`Le mot ${word} ici.`, ctx), word).toEqual([])
    }
  })

  it('writes phrase patterns folded, without accents or apostrophes', () => {
    for (const p of phrases.phrases) for (const pattern of p.patterns) expect(pattern).toMatch(/^[a-z |?]+$/)
  })
})

describe('rulesCheckLine', () => {
  it('answers the action and the matches', () => {
    expect(rulesCheckLine('Bonjour à tous', ctx)).toEqual({ action: 'publish', matches: [] })
    expect(rulesCheckLine('Quel c0nnard', ctx)).toEqual({
      action: 'reject',
      matches: [{ rule: 'evasion', term: 'connard', spans: [{ start: 5, end: 12 }] }],
    })
  })
})
