import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { AppEnv } from '../context.ts'

/**
 * A hashed key for the client's address, for rate limits and abuse tracing. The raw IP is never
 * stored (SPEC §7: IPs stored only hashed). Behind a proxy, the first X-Forwarded-For hop is used
 * when PALABRE_TRUST_PROXY is set.
 */
export function clientKey(c: Context<AppEnv>): string {
  const ip = clientIp(c)
  return createHash('sha256').update(c.get('deps').secret).update(ip).digest('base64url').slice(0, 22)
}

function clientIp(c: Context<AppEnv>): string {
  if (process.env.PALABRE_TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // app.request() in tests has no socket
  }
}
