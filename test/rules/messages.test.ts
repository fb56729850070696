import { describe, expect, it } from 'vitest'
import { holdNotice, ruleMessage } from '../../server/rules/messages.ts'

const RULES = [
  'length', 'shouting', 'links', 'privacy', 'words.banned', 'words.vulgar', 'insult.targeted', 'threat',
  'words.suspect', 'evasion', 'name.terms', 'name.contact', 'name.reserved', 'rate.comment',
  'account.sanctioned', 'thread.closed', 'duplicate', 'author.new', 'author.history', 'author.premod', 'reports',
]

describe('messages', () => {
  it.each(RULES)('%s has its own French and English message', (rule) => {
    const fr = ruleMessage(rule, 'fr', { rulesUrl: 'https://exemple.fr/regles' })
    const en = ruleMessage(rule, 'en', { rulesUrl: 'https://exemple.fr/regles' })
    expect(fr).not.toBe(en)
    expect(fr).not.toContain(ruleMessage('nope', 'fr').split('.')[0])
    expect(fr).toContain('https://exemple.fr/regles')
    expect(en).toContain('https://exemple.fr/regles')
    expect(fr + en).not.toMatch(/\{|\}/)
  })

  it('names the term and says the text is kept', () => {
    const fr = ruleMessage('words.banned', 'fr', { term: 'connard' })
    expect(fr).toContain('«\u202Fconnard\u202F»')
    expect(fr).toContain('conservé')
    expect(ruleMessage('words.banned', 'en', { term: 'cunt' })).toContain('“cunt”')
    expect(ruleMessage('words.banned', 'en', {})).not.toContain('“”')
  })

  it('tailors length, privacy, links and duplicate to the term', () => {
    expect(ruleMessage('length', 'fr', { term: 'too_long' })).toContain('surlignée')
    expect(ruleMessage('privacy', 'en', { term: 'iban' })).toContain('IBAN')
    expect(ruleMessage('links', 'fr', { term: 'too_many' })).toContain('trop de liens')
    expect(ruleMessage('duplicate', 'en', { term: 'rejected' })).toContain('declined')
  })

  it('uses narrow no-break spaces before French high punctuation', () => {
    for (const rule of RULES) expect(ruleMessage(rule, 'fr', {})).not.toMatch(/ [:;!?]/)
  })

  it('explains a hold in both languages', () => {
    expect(holdNotice('threat', 'fr')).toContain('menace')
    expect(holdNotice('links', 'en')).toContain('link')
    expect(holdNotice('unknown', 'fr')).toContain('relecture')
  })
})
