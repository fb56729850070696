import { timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../context.ts'
import { fail, forbidden, unauthorized } from '../http/errors.ts'
import { resolveSession, type Staff } from '../accounts/sessions.ts'
import { readSessionCookie, SESSION_COOKIE } from './session-cookie.ts'

/**
 * The staff member of each request, by its Request object. Kept out of `AppEnv` so the staff
 * routes share the reader API's context type (and its helpers) unchanged.
 */
const STAFF = new WeakMap<Request, Staff>()

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Guards every staff route: a live session cookie (401), and no cross-site use of it (403). The
 * cookie is SameSite=Strict already; the Origin check and the CSRF token are the second and third
 * locks, for browsers or proxies that would send it anyway.
 */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  refuseCrossSite(c)
  const deps = c.get('deps')
  const token = readSessionCookie(c)
  const staff = token ? await resolveSession(deps, token) : undefined
  if (!staff) {
    if (token) deleteCookie(c, SESSION_COOKIE, { path: '/' })
    throw unauthorized('auth_required')
  }
  if (!SAFE_METHODS.has(c.req.method)) {
    if (!c.req.header('origin')) throw forbidden('cross_site')
    if (!sameToken(c.req.header('x-csrf-token'), staff.csrfToken)) throw forbidden('csrf_invalid')
  }
  STAFF.set(c.req.raw, staff)
  if (staff.refreshed) setSessionCookie(c, undefined, staff.expiresAt)
  await next()
}

/** A request whose Origin (or Sec-Fetch-Site) says it comes from another site is a 403. */
export function refuseCrossSite(c: Context<AppEnv>): void {
  const origin = c.req.header('origin')
  if (origin !== undefined && !ownOrigins(c).has(origin)) throw forbidden('cross_site')
  if (c.req.header('sec-fetch-site') === 'cross-site') throw forbidden('cross_site')
}

/** This server's own origins: the configured public URL, and the one the request was addressed to. */
function ownOrigins(c: Context<AppEnv>): Set<string> {
  const origins = new Set<string>()
  const publicUrl = c.get('deps').publicUrl
  if (publicUrl) origins.add(new URL(publicUrl).origin)
  const url = new URL(c.req.url)
  origins.add(url.origin)
  if (process.env.PALABRE_TRUST_PROXY) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim()
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() ?? c.req.header('host')
    if (proto && host) origins.add(`${proto}://${host}`)
  }
  return origins
}

/** True when the request reached us over HTTPS (directly, or through a trusted proxy). */
export function isHttps(c: Context<AppEnv>): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true
  return !!process.env.PALABRE_TRUST_PROXY && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
}

/** Sets (or, with a token, replaces) the session cookie; without a token, re-sends the current one. */
export function setSessionCookie(c: Context<AppEnv>, token: string | undefined, expiresAt: Date): void {
  const value = token ?? readSessionCookie(c)
  if (!value) return
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: isHttps(c),
    maxAge: Math.max(0, Math.round((expiresAt.getTime() - c.get('deps').now().getTime()) / 1000)),
  })
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The signed-in staff member (set by `requireSession`). */
export function staffOf(c: Context): Staff {
  const staff = STAFF.get(c.req.raw)
  if (!staff) throw unauthorized('auth_required')
  return staff
}

/** Admins only: a moderator gets a 403. */
export function requireAdmin(staff: Staff): void {
  if (staff.role !== 'admin') throw forbidden('admin_required')
}

/** True when the staff member may act on the site: admins everywhere, moderators where granted. */
export function canAccess(staff: Staff, siteId: string): boolean {
  return staff.role === 'admin' || staff.sites.includes(siteId)
}

export function requireSiteAccess(staff: Staff, siteId: string): void {
  if (!canAccess(staff, siteId)) throw fail(403, 'site_forbidden', { site: siteId.slice(0, 64) })
}

/**
 * The sites a listing covers: the one asked for (if allowed), else every granted site; `undefined`
 * means no restriction (an admin who named no site).
 */
export function visibleSites(staff: Staff, site: string | undefined): string[] | undefined {
  if (site) {
    requireSiteAccess(staff, site)
    return [site]
  }
  return staff.role === 'admin' ? undefined : staff.sites
}
