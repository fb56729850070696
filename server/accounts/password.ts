import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * Staff passwords, hashed with scrypt (memory-hard, built into Node: no native dependency to
 * install). N = 2^15, r = 8 costs 32 MiB and ~50 ms per guess, OWASP's recommended floor. The
 * parameters travel inside the stored hash so they can be raised later without breaking old ones.
 */
const PARAMS = { logN: 15, r: 8, p: 1 }
const KEY_LENGTH = 32

function derive(password: string, salt: Buffer, o: { logN: number; r: number; p: number }) {
  const options: ScryptOptions = { N: 2 ** o.logN, r: o.r, p: o.p, maxmem: 2 ** o.logN * o.r * 256 }
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

/** `scrypt$logN$r$p$salt$hash`, salt and hash base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, PARAMS)
  const { logN, r, p } = PARAMS
  return ['scrypt', logN, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** True when `password` matches `stored`; compares in constant time, never throws on a bad hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const params = { logN: Number(logN), r: Number(r), p: Number(p) }
  if (![params.logN, params.r, params.p].every((n) => Number.isInteger(n) && n > 0 && n < 32)) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), params)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

let dummy: Promise<string> | undefined

/**
 * Spends the time of a real check when there is no account to check against, so a response's
 * timing does not tell which e-mails have an account.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'))
  await verifyPassword(password, await dummy)
}
