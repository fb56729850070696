import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { deleteCookie } from 'hono/cookie'
import { z } from 'zod'
import { clientKey } from '../http/client-ip.ts'
import { jsonBody } from '../http/validate.ts'
import { documentOperations } from '../openapi/openapi.document.ts'
import { SESSION_COOKIE } from '../staff/session-cookie.ts'
import {
  refuseCrossSite,
  requireSession,
  setSessionCookie,
  staffOf,
} from '../staff/staff-guard.ts'
import { login } from './accounts.service.ts'
import { endSession } from './sessions.ts'

export const loginSchema = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
})

/** Staff sign-in, sign-out and "who am I" (SPEC §6). The CSRF token is handed out here. */
export const authRoutes = new Hono<AppEnv>()
  .post('/auth/login', async (c) => {
    // No session yet, so no token: the Origin check alone stops login CSRF.
    refuseCrossSite(c)
    const input = await jsonBody(c, loginSchema)
    const result = await login(c.get('deps'), input, clientKey(c))
    setSessionCookie(c, result.token, result.expiresAt)
    c.header('Cache-Control', 'no-store')
    return c.json({ account: result.account, csrfToken: result.csrfToken })
  })
  .use('/auth/logout', requireSession)
  .post('/auth/logout', async (c) => {
    await endSession(c.get('deps'), staffOf(c).sessionId)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })
  .use('/auth/me', requireSession)
  .get('/auth/me', (c) => {
    const staff = staffOf(c)
    c.header('Cache-Control', 'no-store')
    return c.json({
      account: { id: staff.accountId, email: staff.email, name: staff.name, role: staff.role, sites: staff.sites },
      csrfToken: staff.csrfToken,
    })
  })

documentOperations([
  { method: 'post', path: '/auth/login', tag: 'staff', summary: 'Sign in (sets the palabre_session cookie)', body: loginSchema, responses: { '200': '{account, csrfToken}', '401': 'Invalid credentials', '403': 'Cross-site', '429': 'Too many attempts' } },
  { method: 'post', path: '/auth/logout', tag: 'staff', auth: 'session', summary: 'Sign out (X-CSRF-Token)', responses: { '204': 'Signed out', '401': 'No session', '403': 'Cross-site or CSRF' } },
  { method: 'get', path: '/auth/me', tag: 'staff', auth: 'session', summary: 'The signed-in account and its CSRF token', responses: { '200': '{account, csrfToken}', '401': 'No session' } },
])
