import { describe, expect, it } from 'vitest'
import { checkDisplayName } from '../../server/rules/content.ts'
import { defaultRuleSettings } from '../../server/rules/rules.settings.ts'

const rules = (name: string) =>
  checkDisplayName(name, { settings: defaultRuleSettings, siteName: 'Le Quotidien' })
    .filter((m) => m.action === 'reject')
    .map((m) => m.rule)

describe('checkDisplayName', () => {
  it('accepts ordinary names', () => {
    for (const name of ['Marie Dupont', 'Jean-Luc', 'Paul42', 'Badminton Fan', 'Supporter du PSG', 'Éloïse', 'Conrad']) {
      expect(rules(name), name).toEqual([])
    }
  })

  it('refuses reserved names, disguised or not', () => {
    for (const name of ['Admin', 'admin123', 'Modérateur', 'moderateur', 'M0derator', 'Le Quotidien', 'LeQuotidien', 'le_quotidien', 'Équipe Palabre', 'a d m i n', 'Аdmin', 'Staff', 'Rédaction']) {
      expect(rules(name), name).toContain('name.reserved')
    }
  })

  it('refuses terms and contact details', () => {
    expect(rules('Connard')).toContain('name.terms')
    expect(rules('c0nnard du 93')).toContain('name.terms')
    expect(rules('jean@exemple.fr')).toContain('name.contact')
    expect(rules('Jean 06 12 34 56 78')).toContain('name.contact')
    expect(rules('www.monsite.fr')).toContain('name.contact')
  })
})
