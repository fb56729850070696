import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { createTestSite, type TestApp, useTestApp } from '../helpers/app.ts'

let t: TestApp
const SSO_SECRET = 'site-sso-secret-0123456789-abcdef'

useTestApp((app) => (t = app))

function ssoToken(claims: Record<string, unknown>, secret = SSO_SECRET, expiresIn: string | number = '10m') {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret))
}

describe('guest readers', () => {
  it('creates a guest and never shows the e-mail', async () => {
    const site = await createTestSite(t.deps)
    const res = await t.call('POST', `/api/v1/sites/${site}/readers`, { body: { name: 'Léa', email: 'lea@example.org' } })
    expect(res.status).toBe(201)
    expect(res.body.reader).toEqual({ id: expect.any(String), name: 'Léa' })
    expect(res.body.token).toMatch(/^ey/)
    expect(JSON.stringify(res.body)).not.toContain('lea@example.org')
  })

  it('refuses reserved display names', async () => {
    const site = await createTestSite(t.deps, { name: 'Le Journal de Test' })
    const res = await t.call('POST', `/api/v1/sites/${site}/readers`, { body: { name: 'Modérateur' } })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('rule_violation')
    expect(res.body.error.field).toBe('name')
  })
})

describe('site SSO', () => {
  it('signs in with a valid token and keeps one reader per account', async () => {
    const site = await createTestSite(t.deps, { ssoSecret: SSO_SECRET })
    const token = await ssoToken({ sub: 'user-42', name: 'Margaux Abonnée', email: 'm@example.org' })
    const first = await t.call('POST', `/api/v1/sites/${site}/sso`, { body: { token } })
    expect(first.status).toBe(200)
    expect(first.body.reader.name).toBe('Margaux Abonnée')
    const renamed = await ssoToken({ sub: 'user-42', name: 'Margaux B.' })
    const second = await t.call('POST', `/api/v1/sites/${site}/sso`, { body: { token: renamed } })
    expect(second.body.reader).toEqual({ id: first.body.reader.id, name: 'Margaux B.' })
    const posted = await t.call('POST', `/api/v1/sites/${site}/threads/sso/comments`, {
      token: second.body.token,
      body: { body: 'Commentaire d’une abonnée' },
    })
    expect(posted.status).toBe(201)
    expect(posted.body.comment.author).toMatchObject({ name: 'Margaux B.', badge: 'member' })
  })

  it('lets the site’s staff past the content rules, not past the rate limits', async () => {
    const site = await createTestSite(t.deps, {
      ssoSecret: SSO_SECRET,
      settings: { rules: { rate: { minIntervalSeconds: 10, perHour: 20, newReaderMinIntervalSeconds: 10 } } },
    })
    const token = await ssoToken({ sub: 'editor-1', name: 'Modérateur du journal', staff: true })
    const signedIn = await t.call('POST', `/api/v1/sites/${site}/sso`, { body: { token } })
    expect(signedIn.status).toBe(200)
    const loud = 'RAPPEL IMPORTANT : LES RÈGLES DE CONDUITE S’APPLIQUENT À TOUS'
    const posted = await t.call('POST', `/api/v1/sites/${site}/threads/staff/comments`, { token: signedIn.body.token, body: { body: loud } })
    expect(posted.status).toBe(201)
    expect(posted.body.comment.author).toMatchObject({ name: 'Modérateur du journal', badge: 'staff' })
    const again = await t.call('POST', `/api/v1/sites/${site}/threads/staff/comments`, { token: signedIn.body.token, body: { body: 'Et une précision.' } })
    expect(again.status).toBe(429)
    const reader = await ssoToken({ sub: 'reader-1', name: 'Lecteur' })
    const readerSession = await t.call('POST', `/api/v1/sites/${site}/sso`, { body: { token: reader } })
    const refused = await t.call('POST', `/api/v1/sites/${site}/threads/staff/comments`, { token: readerSession.body.token, body: { body: loud } })
    expect(refused.status).toBe(422)
    expect(refused.body.error.rule).toBe('shouting')
  })

  it('refuses an expired token', async () => {
    const site = await createTestSite(t.deps, { ssoSecret: SSO_SECRET })
    const token = await ssoToken({ sub: 'u1', name: 'Ancien' }, SSO_SECRET, Math.floor(Date.now() / 1000) - 60)
    const res = await t.call('POST', `/api/v1/sites/${site}/sso`, { body: { token }, headers: { 'accept-language': 'en' } })
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('expired_sso_token')
    expect(res.body.error.message).toMatch(/expired/)
  })

  it('refuses a token signed with another secret', async () => {
    const site = await createTestSite(t.deps, { ssoSecret: SSO_SECRET })
    const token = await ssoToken({ sub: 'u1', name: 'Faussaire' }, 'not-the-site-secret-at-all-0000')
    const res = await t.call('POST', `/api/v1/sites/${site}/sso`, { body: { token } })
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('invalid_sso_token')
  })

  it('refuses a token without a name, and a site without SSO', async () => {
    const site = await createTestSite(t.deps, { ssoSecret: SSO_SECRET })
    const nameless = await t.call('POST', `/api/v1/sites/${site}/sso`, { body: { token: await ssoToken({ sub: 'u2' }) } })
    expect(nameless.status).toBe(401)
    const plain = await createTestSite(t.deps)
    const res = await t.call('POST', `/api/v1/sites/${plain}/sso`, { body: { token: await ssoToken({ sub: 'u', name: 'X' }) } })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('sso_not_configured')
  })
})
