import { jwtVerify, SignJWT } from 'jose'
import type { Viewer } from '../context.ts'
import { fail } from '../http/errors.ts'

const AUDIENCE = 'palabre:reader'
const LIFETIME = '365d'

/**
 * A reader's token: an HS256 JWT signed with the server's secret, naming the reader and their site.
 * Stateless, so any instance can check it; kept by the widget in the page origin's localStorage.
 */
export function signReaderToken(secret: Uint8Array, viewer: Viewer): Promise<string> {
  return new SignJWT({ site: viewer.siteId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.readerId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(LIFETIME)
    .sign(secret)
}

/** The reader named by a token; a forged, expired or malformed token is a 401 `invalid_token`. */
export async function verifyReaderToken(secret: Uint8Array, token: string): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(token, secret, { audience: AUDIENCE, algorithms: ['HS256'] })
    if (typeof payload.sub !== 'string' || !/^\d{1,19}$/.test(payload.sub)) throw new Error('sub')
    if (typeof payload.site !== 'string') throw new Error('site')
    return { readerId: payload.sub, siteId: payload.site }
  } catch {
    throw fail(401, 'invalid_token')
  }
}
