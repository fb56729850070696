import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'

/** The name of the staff session cookie (HttpOnly, SameSite=Strict, Path=/). */
export const SESSION_COOKIE = 'palabre_session'

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE) || undefined
}
