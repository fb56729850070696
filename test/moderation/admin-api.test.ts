import { beforeAll, describe, expect, it } from 'vitest'
import { createGuest, createTestSite, type TestApp, useTestApp } from '../helpers/app.ts'
import { OWN_ORIGIN, signIn, type StaffClient } from './staff.ts'

let t: TestApp
let admin: StaffClient

useTestApp((app) => (t = app))
beforeAll(async () => {
  admin = await signIn(t, { role: 'admin' })
})

let n = 0
const newId = () => `adm-${process.pid}-${n++}`
const audit = (action: string, targetId: string) =>
  t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', targetId).execute()

describe('guards on every admin route', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/v1/admin/sites'],
    ['POST', '/api/v1/admin/sites', { id: 'x-site', name: 'X' }],
    ['GET', '/api/v1/admin/sites/x-site'],
    ['PUT', '/api/v1/admin/sites/x-site', { name: 'Y' }],
    ['POST', '/api/v1/admin/sites/x-site/sso-secret'],
    ['POST', '/api/v1/admin/sites/x-site/rules/check', { body: 'Bonjour' }],
    ['GET', '/api/v1/admin/moderators'],
    ['POST', '/api/v1/admin/moderators', { email: 'm@example.org', password: 'long enough pass' }],
  ]

  it('401 without a session, 403 for a moderator, 403 cross-site or without CSRF for an admin', async () => {
    const moderator = await signIn(t, { sites: [await createTestSite(t.deps)] })
    for (const [method, path, body] of routes) {
      expect((await t.call(method, path, { body, headers: { origin: OWN_ORIGIN } })).status, path).toBe(401)
      const denied = await moderator.call(method, path, { body })
      expect(denied.status, path).toBe(403)
      expect(denied.body.error.code).toBe('admin_required')
      expect((await admin.call(method, path, { body, origin: 'https://evil.example' })).body.error.code).toBe('cross_site')
      if (method !== 'GET') expect((await admin.call(method, path, { body, csrf: null })).body.error.code).toBe('csrf_invalid')
    }
    expect(await t.deps.db.selectFrom('site').select('id').where('id', '=', 'x-site').execute()).toEqual([])
  })
})

describe('sites', () => {
  it('creates a site with origins and rules text, audited; a taken id is 409', async () => {
    const id = newId()
    const res = await admin.call('POST', '/api/v1/admin/sites', {
      body: { id, name: 'La Gazette', allowedOrigins: ['https://gazette.example/'], rulesText: { fr: 'Soyez courtois.', en: 'Be civil.' } },
    })
    expect(res.status).toBe(201)
    expect(res.body.site).toMatchObject({ id, name: 'La Gazette', allowedOrigins: ['https://gazette.example'], rulesText: { fr: 'Soyez courtois.', en: 'Be civil.' }, ssoConfigured: false })
    expect(res.body.site.settings.rules.length).toEqual({ min: 2, max: 2000 })
    expect((await admin.call('POST', '/api/v1/admin/sites', { body: { id, name: 'Again' } })).status).toBe(409)
    expect(await audit('site.create', id)).toHaveLength(1)
    const rules = await t.call('GET', `/api/v1/sites/${id}/rules?lang=en`)
    expect(rules.body.text).toBe('Be civil.')
    const got = await admin.call('GET', `/api/v1/admin/sites/${id}`)
    expect(got.body.site.name).toBe('La Gazette')
    expect((await admin.call('GET', '/api/v1/admin/sites')).body.sites.some((s: any) => s.id === id)).toBe(true)
    expect((await admin.call('GET', '/api/v1/admin/sites/no-such-site')).status).toBe(404)
  })

  it('validates input: bad origin, bad id, settings out of range', async () => {
    const bad = await admin.call('POST', '/api/v1/admin/sites', { body: { id: 'Bad Id', name: 'X' } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('id')
    const origin = await admin.call('POST', '/api/v1/admin/sites', { body: { id: newId(), name: 'X', allowedOrigins: ['javascript:alert(1)'] } })
    expect(origin.body.error.field).toBe('allowedOrigins.0')
    const site = await createTestSite(t.deps)
    const settings = await admin.call('PUT', `/api/v1/admin/sites/${site}`, { body: { settings: { rules: { length: { min: 2, max: 5 } } } } })
    expect(settings.status).toBe(400)
    expect(settings.body.error.field).toBe('settings.rules.length.max')
  })

  it('settings changes are audited (only what changed) and apply to the very next comment', async () => {
    const site = await createTestSite(t.deps)
    const token = await createGuest(t, site)
    const before = await admin.call('GET', `/api/v1/admin/sites/${site}`)
    const settings = structuredClone(before.body.site.settings)
    settings.rules.words.banned = ['tartempion']
    const put = await admin.call('PUT', `/api/v1/admin/sites/${site}`, { body: { settings, rulesText: { fr: 'Nouvelles règles.' } } })
    expect(put.status).toBe(200)
    expect(put.body.site.settings.rules.words.banned).toEqual(['tartempion'])
    const res = await t.call('POST', `/api/v1/sites/${site}/threads/a/comments`, { token, body: { body: 'Quel tartempion, franchement' } })
    expect(res.status).toBe(422)
    expect(res.body.error.rule).toBe('words.banned')
    const rows = await audit('site.update', site)
    expect(rows).toHaveLength(1)
    expect(Object.keys(rows[0]!.after as object).sort()).toEqual(['rulesText', 'settings'])
    expect((rows[0]!.before as any).rulesText).toEqual({ fr: '', en: '' })
    // Saving the same thing again changes nothing and writes nothing.
    await admin.call('PUT', `/api/v1/admin/sites/${site}`, { body: { settings } })
    expect(await audit('site.update', site)).toHaveLength(1)
  })

  it('rotates the SSO secret: answered once, never in the audit', async () => {
    const site = await createTestSite(t.deps)
    const res = await admin.call('POST', `/api/v1/admin/sites/${site}/sso-secret`)
    expect(res.status).toBe(200)
    expect(res.body.ssoSecret).toMatch(/^[\w-]{40,}$/)
    expect((await admin.call('GET', `/api/v1/admin/sites/${site}`)).body.site.ssoConfigured).toBe(true)
    const rows = await audit('site.sso_rotate', site)
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows[0])).not.toContain(res.body.ssoSecret)
  })

  it('dry-runs the rules on a text', async () => {
    const site = await createTestSite(t.deps)
    const clean = await admin.call('POST', `/api/v1/admin/sites/${site}/rules/check`, { body: { body: 'Merci pour cet article très clair.' } })
    expect(clean.status).toBe(200)
    expect(clean.body).toMatchObject({ action: 'publish', matches: [] })
    const mail = await admin.call('POST', `/api/v1/admin/sites/${site}/rules/check`, { body: { body: 'Écrivez-moi : jean.dupont@example.org' } })
    expect(mail.body.action).toBe('reject')
    expect(mail.body.matches[0]).toMatchObject({ rule: 'privacy', spans: [expect.objectContaining({ start: expect.any(Number) })] })
    expect(await t.deps.db.selectFrom('comment').select('id').where('site_id', '=', site).execute()).toEqual([])
  })
})

describe('moderator accounts', () => {
  it('creates a moderator who signs in and sees only the granted site; audited; 409 on a taken e-mail', async () => {
    const site = await createTestSite(t.deps)
    const email = `mod-${newId()}@example.org`
    const res = await admin.call('POST', '/api/v1/admin/moderators', { body: { email, password: 'a long password', name: 'Inès', sites: [site] } })
    expect(res.status).toBe(201)
    expect(res.body.account).toMatchObject({ email, name: 'Inès', role: 'moderator', sites: [site] })
    expect(JSON.stringify(res.body)).not.toContain('a long password')
    expect((await admin.call('POST', '/api/v1/admin/moderators', { body: { email, password: 'a long password' } })).status).toBe(409)
    expect((await admin.call('POST', '/api/v1/admin/moderators', { body: { email: 'x@example.org', password: 'short' } })).body.error.field).toBe('password')
    expect((await admin.call('POST', '/api/v1/admin/moderators', { body: { email: 'y@example.org', password: 'a long password', sites: ['nope-site'] } })).status).toBe(422)
    const login = await t.call('POST', '/api/v1/auth/login', { body: { email, password: 'a long password' }, headers: { origin: OWN_ORIGIN } })
    expect(login.body.account.sites).toEqual([site])
    expect(await audit('account.create', res.body.account.id)).toHaveLength(1)
    const list = await admin.call('GET', '/api/v1/admin/moderators')
    expect(list.body.accounts.find((a: any) => a.email === email)).toMatchObject({ sites: [site], disabled: false })
  })
})
