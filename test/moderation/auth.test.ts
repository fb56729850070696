import { describe, expect, it } from 'vitest'
import { sessionIdOf } from '../../server/accounts/sessions.ts'
import { type TestApp, useTestApp } from '../helpers/app.ts'
import { OWN_ORIGIN, sessionCookie, signIn } from './staff.ts'

let t: TestApp

useTestApp((app) => (t = app))

const login = (body: unknown, headers: Record<string, string> = { origin: OWN_ORIGIN }) =>
  t.call('POST', '/api/v1/auth/login', { body, headers })

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict, expiring cookie and stores only a hash of it', async () => {
    const staff = await signIn(t)
    const res = await login({ email: staff.email, password: staff.password })
    expect(res.status).toBe(200)
    const header = res.headers.get('set-cookie')!
    expect(header).toMatch(/HttpOnly/i)
    expect(header).toMatch(/SameSite=Strict/i)
    expect(header).toMatch(/Path=\//)
    expect(header).toMatch(/Max-Age=43200/)
    expect(header).not.toMatch(/Secure/)
    expect(res.body.account).toMatchObject({ email: staff.email, role: 'moderator', sites: [] })
    expect(res.body.csrfToken).toMatch(/^[\w-]{20,}$/)
    const token = sessionCookie(res.headers)
    const rows = await t.deps.db.selectFrom('session').selectAll().where('account_id', '=', staff.accountId).execute()
    expect(rows.some((r) => r.id === token)).toBe(false)
    expect(rows.some((r) => r.id === sessionIdOf(token))).toBe(true)
    const account = await t.deps.db.selectFrom('account').select('password_hash').where('id', '=', staff.accountId).executeTakeFirstOrThrow()
    expect(account.password_hash).toMatch(/^scrypt\$15\$8\$1\$/)
  })

  it('marks the cookie Secure over HTTPS', async () => {
    const staff = await signIn(t)
    const res = await t.app.request('https://palabre.test/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://palabre.test' },
      body: JSON.stringify({ email: staff.email, password: staff.password }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/Secure/)
  })

  it('answers the same generic 401 for a wrong password and an unknown e-mail', async () => {
    const staff = await signIn(t)
    const wrong = await login({ email: staff.email, password: 'not the password' })
    const unknown = await login({ email: 'nobody@example.org', password: 'whatever-it-is' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body.error.code).toBe('invalid_credentials')
    expect(unknown.body).toEqual(wrong.body)
    expect(wrong.headers.get('set-cookie')).toBeNull()
  })

  it('refuses a sign-in posted from another site', async () => {
    const staff = await signIn(t)
    const res = await login({ email: staff.email, password: staff.password }, { origin: 'https://evil.example' })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('cross_site')
  })

  it('rate-limits attempts per e-mail and per address', async () => {
    const staff = await signIn(t)
    // Each test address gets its own counter (X-Forwarded-For is trusted for this test only).
    process.env.PALABRE_TRUST_PROXY = '1'
    t.deps.limits.loginsPerWindow = 4 // the sign-in above was the e-mail's first
    try {
      const from = (ip: string) => ({ origin: OWN_ORIGIN, 'x-forwarded-for': ip })
      const statuses = []
      for (let i = 0; i < 4; i++) statuses.push((await login({ email: staff.email, password: 'bad password' }, from('203.0.113.7'))).status)
      expect(statuses).toEqual([401, 401, 401, 429])
      // The right password from another address is still refused: the e-mail is locked for now.
      const right = await login({ email: staff.email, password: staff.password }, from('203.0.113.8'))
      expect(right.status).toBe(429)
      expect(right.headers.get('retry-after')).toMatch(/^\d+$/)
      // One address trying many e-mails is stopped too.
      const spray = []
      for (let i = 0; i < 5; i++) spray.push((await login({ email: `n${i}@example.org`, password: 'guess-guess' }, from('203.0.113.9'))).status)
      expect(spray).toEqual([401, 401, 401, 401, 429])
    } finally {
      delete process.env.PALABRE_TRUST_PROXY
      t.deps.limits.loginsPerWindow = 100_000
    }
  })

  it('validates the body', async () => {
    const res = await login({ email: 'a@b.c' })
    expect(res.status).toBe(400)
    expect(res.body.error.field).toBe('password')
  })
})

describe('session', () => {
  it('answers /me with the account and its CSRF token', async () => {
    const staff = await signIn(t)
    const me = await staff.call('GET', '/api/v1/auth/me')
    expect(me.status).toBe(200)
    expect(me.body).toEqual({
      account: { id: staff.accountId, email: staff.email, name: expect.any(String), role: 'moderator', sites: [] },
      csrfToken: staff.csrf,
    })
  })

  it('is 401 without a cookie or with a forged one', async () => {
    expect((await t.call('GET', '/api/v1/auth/me')).status).toBe(401)
    const forged = await t.call('GET', '/api/v1/auth/me', { headers: { cookie: 'palabre_session=' + 'x'.repeat(43) } })
    expect(forged.status).toBe(401)
    expect(forged.body.error.code).toBe('auth_required')
  })

  it('expires after 12 hours without use, and slides while used', async () => {
    const staff = await signIn(t)
    t.clock.advance(2 * 3_600_000)
    const used = await staff.call('GET', '/api/v1/auth/me')
    expect(used.status).toBe(200)
    expect(used.headers.get('set-cookie')).toMatch(/Max-Age=43200/) // refreshed
    t.clock.advance(11 * 3_600_000)
    expect((await staff.call('GET', '/api/v1/auth/me')).status).toBe(200)
    t.clock.advance(13 * 3_600_000)
    expect((await staff.call('GET', '/api/v1/auth/me')).status).toBe(401)
  })

  it('logs out only with the CSRF token, then the cookie is worthless', async () => {
    const staff = await signIn(t)
    expect((await staff.call('POST', '/api/v1/auth/logout', { csrf: null })).status).toBe(403)
    expect((await staff.call('POST', '/api/v1/auth/logout', { csrf: 'wrong-token-wrong-token-xx' })).body.error.code).toBe('csrf_invalid')
    expect((await staff.call('POST', '/api/v1/auth/logout', { origin: 'https://evil.example' })).body.error.code).toBe('cross_site')
    const out = await staff.call('POST', '/api/v1/auth/logout')
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/palabre_session=;/)
    expect((await staff.call('GET', '/api/v1/auth/me')).status).toBe(401)
  })

  it('refuses a disabled account’s session', async () => {
    const staff = await signIn(t)
    await t.deps.db.updateTable('account').set({ disabled: true }).where('id', '=', staff.accountId).execute()
    expect((await staff.call('GET', '/api/v1/auth/me')).status).toBe(401)
  })
})
