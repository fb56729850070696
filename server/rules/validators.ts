/**
 * Checksums that tell a real payment number from a random run of digits, so `privacy` rejects a card
 * or an IBAN without firing on order numbers, years or prices.
 */

/** Luhn check of a string of digits (payment cards). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}

/** A card number: 13 to 19 digits, a known issuer's first digit, Luhn valid, not all one digit. */
export function isCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false
  const first = digits.charCodeAt(0)
  if (first < 50 || first > 54) return false // issuers start with 2 to 6
  if (/^(\d)\1+$/.test(digits)) return false
  return luhnValid(digits)
}

/** IBAN lengths of the countries French and English readers mostly bank in; others: 15 to 34. */
export const IBAN_LENGTHS: Record<string, number> = {
  FR: 27, MC: 27, BE: 16, LU: 20, CH: 21, DE: 22, ES: 24, IT: 27, PT: 25, NL: 18, GB: 22, IE: 22,
  AT: 20, DK: 18, FI: 18, SE: 24, NO: 15, PL: 28, GR: 27, RO: 24, MA: 28, TN: 24, SN: 28, CI: 28,
  DZ: 26, RE: 27, GP: 27, MQ: 27, GF: 27, NC: 27, PF: 27, LI: 21, CZ: 24, HU: 28, HR: 21, SI: 19,
}

/** ISO 13616 mod-97 check of an IBAN written without spaces. */
export function ibanValid(iban: string): boolean {
  const s = iban.toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false
  const expected = IBAN_LENGTHS[s.slice(0, 2)]
  if (expected !== undefined && s.length !== expected) return false
  const rearranged = s.slice(4) + s.slice(0, 4)
  let rest = 0
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i)
    // Letters count as two digits (A = 10 … Z = 35).
    rest = code >= 65 ? (rest * 100 + code - 55) % 97 : (rest * 10 + code - 48) % 97
  }
  return rest === 1
}
