import { describe, expect, it } from 'vitest'
import { findLinks, isBlocked, linkRules } from '../../server/rules/links.ts'
import { defaultRuleSettings } from '../../server/rules/rules.settings.ts'

const settings = { ...defaultRuleSettings.links, blockedDomains: ['evil.co.uk'] }

describe('links', () => {
  it('finds schemes, www and bare domains with their registrable domain', () => {
    const links = findLinks('voir https://www.evil.co.uk/x, www.exemple.fr et lemonde.fr')
    expect(links.map((l) => l.domain)).toEqual(['evil.co.uk', 'exemple.fr', 'lemonde.fr'])
  })

  it('blocks a domain and its subdomains, not a look-alike', () => {
    expect(isBlocked('www.evil.co.uk', 'evil.co.uk')).toBe(true)
    expect(isBlocked('evil.co.uk', 'evil.co.uk')).toBe(true)
    expect(isBlocked('notevil.co.uk', 'evil.co.uk')).toBe(false)
    expect(isBlocked('evil.co.uk.attacker.com', 'evil.co.uk')).toBe(false)
  })

  it('holds shorteners and blocked domains, rejects too many links', () => {
    const rules = (text: string, approved = 10) =>
      linkRules(findLinks(text), settings, approved).map((m) => `${m.action}:${m.term}`)
    expect(rules('https://bit.ly/x')).toEqual(['hold:bit.ly'])
    expect(rules('https://m.evil.co.uk')).toEqual(['hold:evil.co.uk'])
    expect(rules('https://notevil.co.uk')).toEqual([])
    expect(rules('https://exemple.fr', 0)).toEqual(['hold:new_author'])
    expect(rules('a.fr b.fr c.fr d.fr')).toEqual(['reject:too_many'])
  })

  it('does not take a missing space for a link', () => {
    expect(findLinks("d'accord.Il faut")).toEqual([])
    expect(findLinks('fini.de plus')).toEqual([])
  })
})
