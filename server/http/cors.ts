import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.ts'
import { forbidden } from './errors.ts'

const SITE_PATH = /^\/api\/v1\/sites\/([^/]+)\//
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Accept-Language, Last-Event-ID'
const EXPOSED_HEADERS = 'Retry-After, ETag'

/**
 * CORS for the reader API, from each site's allowed origins. A route naming its site is checked
 * against that site; others (`/comments/{id}`) against all sites here, then against the reader's own
 * site once their token is read. A request from an origin no site allows is refused with a 403.
 */
export const siteCors: MiddlewareHandler<AppEnv> = async (c, next) => {
  const origin = c.req.header('origin')
  if (!origin) return next()
  const sites = c.get('deps').sites
  const siteId = SITE_PATH.exec(c.req.path)?.[1]
  const site = siteId ? await sites.get(decodeURIComponent(siteId)) : undefined
  const allowed = siteId
    ? site === undefined || site.allowedOrigins.includes(origin) // unknown site: its own 404 speaks
    : await sites.anyAllows(origin)
  if (!allowed) throw forbidden('origin_not_allowed')

  c.header('Access-Control-Allow-Origin', origin)
  c.header('Vary', 'Origin', { append: true })
  if (c.req.method === 'OPTIONS') {
    c.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, OPTIONS')
    c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
    c.header('Access-Control-Max-Age', '600')
    return c.body(null, 204)
  }
  c.header('Access-Control-Expose-Headers', EXPOSED_HEADERS)
  await next()
}
