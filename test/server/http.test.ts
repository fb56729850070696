import { SignJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { createGuest, createTestSite, type TestApp, useTestApp } from '../helpers/app.ts'

let t: TestApp
let site: string
let token: string
let commentId: string
let otherThreadComment: string

useTestApp((app) => (t = app))
beforeAll(async () => {
  site = await createTestSite(t.deps, { origins: ['https://news.example.org', 'http://localhost:3000'] })
  token = await createGuest(t, site)
  const posted = await t.call('POST', `/api/v1/sites/${site}/threads/a1/comments`, { token, body: { body: 'Un commentaire existant' } })
  commentId = posted.body.comment.id
  const other = await t.call('POST', `/api/v1/sites/${site}/threads/a2/comments`, { token, body: { body: 'Dans un autre fil' } })
  otherThreadComment = other.body.comment.id
})

describe('CORS', () => {
  it('answers a preflight from an allowed origin', async () => {
    const res = await t.call('OPTIONS', `/api/v1/sites/${site}/threads/a1/comments`, {
      headers: { origin: 'https://news.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('https://news.example.org')
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/)
  })

  it('allows reads and writes from an allowed origin', async () => {
    const read = await t.call('GET', `/api/v1/sites/${site}/threads/a1`, { headers: { origin: 'http://localhost:3000' } })
    expect(read.status).toBe(200)
    expect(read.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    const like = await t.call('GET', `/api/v1/comments/${commentId}/replies`, { headers: { origin: 'https://news.example.org' } })
    expect(like.status).toBe(200)
  })

  it('refuses a page on another origin, preflight and request alike', async () => {
    const pre = await t.call('OPTIONS', `/api/v1/sites/${site}/threads/a1/comments`, {
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
    })
    expect(pre.status).toBe(403)
    expect(pre.headers.get('access-control-allow-origin')).toBeNull()
    const post = await t.call('POST', `/api/v1/sites/${site}/threads/a1/comments`, {
      token,
      body: { body: 'Depuis un site tiers' },
      headers: { origin: 'https://evil.example.com' },
    })
    expect(post.status).toBe(403)
    expect(post.body.error.code).toBe('origin_not_allowed')
    const byId = await t.call('DELETE', `/api/v1/comments/${commentId}`, { token, headers: { origin: 'https://evil.example.com' } })
    expect(byId.status).toBe(403)
  })
})

describe('the OpenAPI description', () => {
  it('describes every reader route', async () => {
    const res = await t.call('GET', '/api/v1/openapi.json')
    expect(res.status).toBe(200)
    expect(res.body.openapi).toBe('3.1.0')
    for (const path of ['/sites/{site}/readers', '/sites/{site}/sso', '/sites/{site}/threads/{article}', '/sites/{site}/threads/{article}/comments', '/comments/{id}', '/comments/{id}/replies', '/comments/{id}/reactions', '/comments/{id}/reports', '/sites/{site}/counts', '/sites/{site}/rules']) {
      expect(res.body.paths[path], path).toBeDefined()
    }
    expect(res.body.paths['/sites/{site}/threads/{article}/comments'].post.requestBody.content['application/json'].schema.properties.body.maxLength).toBe(20000)
  })
})

const forged = () =>
  new SignJWT({ site }).setProtectedHeader({ alg: 'HS256' }).setSubject('1').setAudience('palabre:reader').setExpirationTime('1h').sign(new TextEncoder().encode('forged-secret-forged-secret-forged!!'))

type Case = [name: string, method: string, path: () => string, options: () => Promise<{ body?: unknown; token?: string; headers?: Record<string, string> }> | { body?: unknown; token?: string; headers?: Record<string, string> }, status: number, code: string]

const post = () => `/api/v1/sites/${site}/threads/a1/comments`
const cases: Case[] = [
  ['empty body', 'POST', post, () => ({ token, body: '' }), 400, 'invalid_json'],
  ['not JSON', 'POST', post, () => ({ token, body: '{body: nope' }), 400, 'invalid_json'],
  ['JSON null', 'POST', post, () => ({ token, body: 'null' }), 400, 'invalid_request'],
  ['body missing', 'POST', post, () => ({ token, body: {} }), 400, 'invalid_request'],
  ['body a number', 'POST', post, () => ({ token, body: { body: 42 } }), 400, 'invalid_request'],
  ['body an array', 'POST', post, () => ({ token, body: ['a'] }), 400, 'invalid_request'],
  ['unknown field', 'POST', post, () => ({ token, body: { body: 'Bonjour', admin: true } }), 400, 'invalid_request'],
  ['empty comment', 'POST', post, () => ({ token, body: { body: '   ' } }), 422, 'rule_violation'],
  ['oversized comment', 'POST', post, () => ({ token, body: { body: 'a b '.repeat(1000) } }), 422, 'rule_violation'],
  ['absurdly long comment', 'POST', post, () => ({ token, body: { body: 'x'.repeat(30_000) } }), 400, 'invalid_request'],
  ['1 MB body', 'POST', post, () => ({ token, body: JSON.stringify({ body: 'x'.repeat(1_048_576) }) }), 413, 'payload_too_large'],
  ['parentId not an id', 'POST', post, () => ({ token, body: { body: 'Réponse', parentId: 'abc' } }), 400, 'invalid_request'],
  ['parentId unknown', 'POST', post, () => ({ token, body: { body: 'Réponse', parentId: '987654321' } }), 422, 'parent_not_found'],
  ['parent in another thread', 'POST', post, () => ({ token, body: { body: 'Réponse', parentId: otherThreadComment } }), 422, 'parent_other_thread'],
  ['title too long', 'POST', post, () => ({ token, body: { body: 'Bonjour', title: 't'.repeat(301) } }), 400, 'invalid_request'],
  ['no token', 'POST', post, () => ({ body: { body: 'Bonjour' } }), 401, 'auth_required'],
  ['malformed token', 'POST', post, () => ({ body: { body: 'Bonjour' }, headers: { authorization: 'Bearer not a token' } }), 401, 'invalid_token'],
  ['forged token', 'POST', post, async () => ({ body: { body: 'Bonjour' }, token: await forged() }), 401, 'invalid_token'],
  ['bad Idempotency-Key', 'POST', post, () => ({ token, body: { body: 'Bonjour' }, headers: { 'idempotency-key': 'x' } }), 400, 'invalid_request'],
  ['unknown site', 'GET', () => '/api/v1/sites/no-such-site/threads/a1', () => ({}), 404, 'site_not_found'],
  ['bad site id', 'GET', () => '/api/v1/sites/NO%20SUCH/threads/a1', () => ({}), 404, 'site_not_found'],
  ['post to unknown site', 'POST', () => '/api/v1/sites/no-such-site/threads/a1/comments', () => ({ token, body: { body: 'Bonjour' } }), 404, 'site_not_found'],
  ['article too long', 'GET', () => `/api/v1/sites/${site}/threads/${'a'.repeat(201)}`, () => ({}), 400, 'invalid_request'],
  ['bad sort', 'GET', () => `/api/v1/sites/${site}/threads/a1?sort=random`, () => ({}), 400, 'invalid_request'],
  ['limit zero', 'GET', () => `/api/v1/sites/${site}/threads/a1?limit=0`, () => ({}), 400, 'invalid_request'],
  ['limit huge', 'GET', () => `/api/v1/sites/${site}/threads/a1?limit=100000`, () => ({}), 400, 'invalid_request'],
  ['limit not a number', 'GET', () => `/api/v1/sites/${site}/threads/a1?limit=ten`, () => ({}), 400, 'invalid_request'],
  ['garbage cursor', 'GET', () => `/api/v1/sites/${site}/threads/a1?cursor=%%%`, () => ({}), 400, 'invalid_cursor'],
  ['cursor of JSON garbage', 'GET', () => `/api/v1/sites/${site}/threads/a1?cursor=${Buffer.from('{"k":"newest","i":"1;drop"}').toString('base64url')}`, () => ({}), 400, 'invalid_cursor'],
  ['cursor of another sort', 'GET', () => `/api/v1/sites/${site}/threads/a1?sort=top&cursor=${Buffer.from('{"k":"newest","i":"1","t":"2026-01-01T00:00:00.000000Z"}').toString('base64url')}`, () => ({}), 400, 'invalid_cursor'],
  ['replies of unknown comment', 'GET', () => '/api/v1/comments/123456789/replies', () => ({}), 404, 'comment_not_found'],
  ['comment id not a number', 'PATCH', () => '/api/v1/comments/abc', () => ({ token, body: { body: 'x' } }), 404, 'comment_not_found'],
  ['comment id overflow', 'DELETE', () => '/api/v1/comments/99999999999999999999999', () => ({ token }), 404, 'comment_not_found'],
  ['report with unknown reason', 'POST', () => `/api/v1/comments/${commentId}/reports`, () => ({ token, body: { reason: 'boring' } }), 400, 'invalid_request'],
  ['report note too long', 'POST', () => `/api/v1/comments/${commentId}/reports`, () => ({ token, body: { reason: 'other', note: 'n'.repeat(501) } }), 400, 'invalid_request'],
  ['guest name empty', 'POST', () => `/api/v1/sites/${site}/readers`, () => ({ body: { name: '' } }), 400, 'invalid_request'],
  ['guest name too long', 'POST', () => `/api/v1/sites/${site}/readers`, () => ({ body: { name: 'n'.repeat(41) } }), 400, 'invalid_request'],
  ['guest e-mail invalid', 'POST', () => `/api/v1/sites/${site}/readers`, () => ({ body: { name: 'Léa', email: 'not-an-email' } }), 400, 'invalid_request'],
  ['SSO token empty', 'POST', () => `/api/v1/sites/${site}/sso`, () => ({ body: { token: '' } }), 400, 'invalid_request'],
  ['counts without article', 'GET', () => `/api/v1/sites/${site}/counts`, () => ({}), 400, 'invalid_request'],
  ['counts with too many articles', 'GET', () => `/api/v1/sites/${site}/counts?${Array.from({ length: 101 }, (_, i) => `article=a${i}`).join('&')}`, () => ({}), 400, 'invalid_request'],
  ['unknown route', 'GET', () => '/api/v1/nothing/here', () => ({}), 404, 'not_found'],
]

describe('bad input', () => {
  it.each(cases)('%s → %i %s, localized', async (_name, method, path, options, status, code) => {
    const opts = await options()
    for (const lang of ['fr', 'en'] as const) {
      const res = await t.call(method, path(), { ...opts, headers: { ...opts.headers, 'accept-language': lang } })
      expect(res.status).toBe(status)
      expect(res.body.error.code).toBe(code)
      expect(typeof res.body.error.message).toBe('string')
      expect(res.body.error.message.length).toBeGreaterThan(5)
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/)
    }
    const fr = await t.call(method, path(), { ...opts, headers: { ...opts.headers, 'accept-language': 'fr' } })
    const en = await t.call(method, path(), { ...opts, headers: { ...opts.headers, 'accept-language': 'en' } })
    expect(fr.body.error.message).not.toBe(en.body.error.message)
  })
})
