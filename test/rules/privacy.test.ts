import { describe, expect, it } from 'vitest'
import { findPrivate } from '../../server/rules/privacy.ts'
import { ibanValid, isCardNumber, luhnValid } from '../../server/rules/validators.ts'

const kinds = (text: string) => findPrivate(text).map((f) => `${f.kind}:${text.slice(f.span.start, f.span.end)}`)

describe('validators', () => {
  it('checks Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true)
    expect(luhnValid('4111111111111112')).toBe(false)
    expect(luhnValid('79927398713')).toBe(true)
    expect(isCardNumber('5500000000000004')).toBe(true)
    expect(isCardNumber('1234567812345670')).toBe(false) // issuer digit 1
  })

  it('checks IBAN mod-97 and length', () => {
    expect(ibanValid('FR7630006000011234567890189')).toBe(true)
    expect(ibanValid('FR7630006000011234567890188')).toBe(false)
    expect(ibanValid('DE89370400440532013000')).toBe(true)
    expect(ibanValid('GB82WEST12345698765432')).toBe(true)
    expect(ibanValid('FR763000600001123456789018')).toBe(false) // one short
  })
})

describe('findPrivate', () => {
  it('finds phones with their exact spans', () => {
    expect(kinds('au 06 12 34 56 78.')).toEqual(['phone:06 12 34 56 78'])
    expect(kinds('au +33 6 12 34 56 78')).toEqual(['phone:+33 6 12 34 56 78'])
    expect(kinds('call +1 (555) 123-4567 now')).toEqual(['phone:+1 (555) 123-4567'])
    expect(kinds('call (555) 123-4567')).toEqual(['phone:(555) 123-4567'])
  })

  it('finds e-mails, IBANs and cards', () => {
    expect(kinds('écrire à jean.dupont@exemple.fr.')).toEqual(['email:jean.dupont@exemple.fr'])
    expect(kinds('FR76 3000 6000 0112 3456 7890 189 merci')).toEqual(['iban:FR76 3000 6000 0112 3456 7890 189'])
    expect(kinds('carte 4111-1111-1111-1111')).toEqual(['card:4111-1111-1111-1111'])
  })

  it('leaves years, prices, dates and amounts alone', () => {
    for (const text of ['en 2026', '1 500 000 euros', 'le 27/11/2026', '1\u202F500\u202F€', '+12 345 678 habitants', 'article 49.3', '75011 Paris', '@jean', 'ISBN 978-2-07-036822-8']) {
      expect(kinds(text), text).toEqual([])
    }
  })

  it('stays fast on long digit runs', () => {
    const t0 = performance.now()
    findPrivate('1 '.repeat(1000) + '9'.repeat(2000))
    expect(performance.now() - t0).toBeLessThan(50)
  })
})
