import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv, Viewer } from '../context.ts'
import { fail, forbidden } from '../http/errors.ts'
import { verifyReaderToken } from './reader-token.ts'

/**
 * Reads `Authorization: Bearer <reader token>` when present. A token that does not verify is a 401
 * (the widget then asks for a new identity); a page on an origin its site does not allow is a 403.
 */
export const readerAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization')
  if (header !== undefined) {
    const match = /^Bearer\s+([A-Za-z0-9_.-]{1,4096})$/.exec(header.trim())
    if (!match) throw fail(401, 'invalid_token')
    const viewer = await verifyReaderToken(c.get('deps').secret, match[1]!)
    const origin = c.req.header('origin')
    if (origin) {
      const site = await c.get('deps').sites.get(viewer.siteId)
      if (!site) throw fail(401, 'invalid_token')
      if (!site.allowedOrigins.includes(origin)) throw forbidden('origin_not_allowed')
    }
    c.set('viewer', viewer)
  }
  await next()
}

/** The signed-in reader, or a 401 asking them to identify. */
export function requireViewer(c: Context<AppEnv>): Viewer {
  const viewer = c.get('viewer')
  if (!viewer) throw fail(401, 'auth_required')
  return viewer
}
