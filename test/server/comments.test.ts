import { describe, expect, it } from 'vitest'
import { createGuest, createTestSite, type TestApp, useTestApp } from '../helpers/app.ts'

let t: TestApp

useTestApp((app) => (t = app))

const commentsPath = (site: string, article: string) => `/api/v1/sites/${site}/threads/${article}/comments`

async function rowsOf(site: string) {
  return t.deps.db.selectFrom('comment').selectAll().where('site_id', '=', site).orderBy('id').execute()
}

describe('posting', () => {
  it('creates the thread on the first post, with the title and a URL on the site', async () => {
    const site = await createTestSite(t.deps)
    const token = await createGuest(t, site)
    const res = await t.call('POST', commentsPath(site, 'art-1'), {
      token,
      body: { body: 'Très bon article, merci !', title: 'Un titre', url: 'https://news.example.org/a/1' },
    })
    expect(res.status).toBe(201)
    expect(res.body.outcome).toBe('published')
    expect(res.body.comment).toMatchObject({
      body: 'Très bon article, merci !',
      status: 'published',
      parentId: null,
      author: { name: 'Camille' },
      likes: 0,
      replyCount: 0,
      viewer: { liked: false, reported: false, canEdit: true, canDelete: true },
    })
    const thread = await t.call('GET', `/api/v1/sites/${site}/threads/art-1`)
    expect(thread.body.thread).toMatchObject({ title: 'Un titre', url: 'https://news.example.org/a/1', commentCount: 1 })
  })

  it('refuses a first post whose URL is not on the site’s origins', async () => {
    const site = await createTestSite(t.deps)
    const token = await createGuest(t, site)
    const res = await t.call('POST', commentsPath(site, 'art-2'), {
      token,
      body: { body: 'Bonjour à tous', url: 'https://evil.example.com/a' },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('invalid_url')
    expect(await rowsOf(site)).toHaveLength(0)
  })

  it('keeps any Unicode exactly as typed', async () => {
    const site = await createTestSite(t.deps)
    const token = await createGuest(t, site)
    const body = 'Ça « marche » très bien\u202f! 🚆 — 東京 — עברית\n\nDeuxième paragraphe.'
    const res = await t.call('POST', commentsPath(site, 'unicode'), { token, body: { body } })
    expect(res.status).toBe(201)
    expect(res.body.comment.body).toBe(body)
    const thread = await t.call('GET', `/api/v1/sites/${site}/threads/unicode`)
    expect(thread.body.comments[0].body).toBe(body)
  })

  it('stores one row for a retried post with the same Idempotency-Key and replays the answer', async () => {
    const site = await createTestSite(t.deps)
    const token = await createGuest(t, site)
    const send = () =>
      t.call('POST', commentsPath(site, 'retry'), {
        token,
        body: { body: 'Envoyé deux fois par un réseau capricieux' },
        headers: { 'idempotency-key': 'key-0123456789' },
      })
    const [first, second] = await Promise.all([send(), send()])
    const third = await send()
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(third.status).toBe(201)
    expect(second.body.comment.id).toBe(first.body.comment.id)
    expect(third.body).toEqual(first.body)
    expect(await rowsOf(site)).toHaveLength(1)
    const reused = await t.call('POST', commentsPath(site, 'retry'), {
      token,
      body: { body: 'Un autre texte avec la même clé' },
      headers: { 'idempotency-key': 'key-0123456789' },
    })
    expect(reused.status).toBe(422)
    expect(reused.body.error.code).toBe('idempotency_key_reused')
  })

  it('refuses a rule-breaking comment with the rule, a localized message and spans, storing nothing', async () => {
    const site = await createTestSite(t.deps)
    const token = await createGuest(t, site)
    const res = await t.call('POST', commentsPath(site, 'refused'), {
      token,
      body: { body: 'ARRÊTEZ DE NOUS PRENDRE POUR DES IMBÉCILES AVEC CE PROJET' },
      headers: { 'accept-language': 'en' },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('rule_violation')
    expect(res.body.error.rule).toBe('shouting')
    expect(res.body.error.message).toMatch(/capital/i)
    expect(await rowsOf(site)).toHaveLength(0)
  })

  it('answers a closed thread with 409, after sanctions and before any other rule', async () => {
    const site = await createTestSite(t.deps)
    const token = await createGuest(t, site)
    await t.call('POST', commentsPath(site, 'closing'), { token, body: { body: 'Avant la fermeture' } })
    await t.deps.db.updateTable('thread').set({ status: 'closed' }).where('site_id', '=', site).execute()
    const shouted = await t.call('POST', commentsPath(site, 'closing'), { token, body: { body: 'TROP TARD POUR EN DISCUTER ICI MAINTENANT' } })
    expect(shouted.status).toBe(409)
    expect(shouted.body.error).toMatchObject({ code: 'thread_closed', rule: 'thread.closed' })
    const reader = await t.deps.db.selectFrom('reader').select('id').where('site_id', '=', site).executeTakeFirstOrThrow()
    await t.deps.db
      .insertInto('sanction')
      .values({ site_id: site, reader_id: reader.id, kind: 'ban', reason: 'test', created_by: 1 })
      .execute()
    const banned = await t.call('POST', commentsPath(site, 'closing'), { token, body: { body: 'Encore un mot' } })
    expect(banned.status).toBe(403)
    expect(banned.body.error.code).toBe('sanctioned')
  })

  it('rejects a reply to a comment of another thread and to an unknown comment', async () => {
    const site = await createTestSite(t.deps)
    const token = await createGuest(t, site)
    const elsewhere = await t.call('POST', commentsPath(site, 'thread-a'), { token, body: { body: 'Dans le fil A' } })
    const other = await t.call('POST', commentsPath(site, 'thread-b'), {
      token,
      body: { body: 'Réponse égarée', parentId: elsewhere.body.comment.id },
    })
    expect(other.status).toBe(422)
    expect(other.body.error.code).toBe('parent_other_thread')
    const unknown = await t.call('POST', commentsPath(site, 'thread-a'), {
      token,
      body: { body: 'Réponse dans le vide', parentId: '999999999' },
    })
    expect(unknown.status).toBe(422)
    expect(unknown.body.error.code).toBe('parent_not_found')
  })
})

describe('editing and deleting', () => {
  it('lets the author edit within the window, and not after', async () => {
    const site = await createTestSite(t.deps)
    const token = await createGuest(t, site)
    const other = await createGuest(t, site, 'Dominique')
    const posted = await t.call('POST', commentsPath(site, 'edit'), { token, body: { body: 'Premier jet du texte' } })
    const id = posted.body.comment.id
    const notMine = await t.call('PATCH', `/api/v1/comments/${id}`, { token: other, body: { body: 'Piraté' } })
    expect(notMine.status).toBe(403)
    expect(notMine.body.error.code).toBe('not_author')
    const edited = await t.call('PATCH', `/api/v1/comments/${id}`, { token, body: { body: 'Texte corrigé' } })
    expect(edited.status).toBe(200)
    expect(edited.body.comment.body).toBe('Texte corrigé')
    expect(edited.body.comment.editedAt).not.toBeNull()
    t.clock.advance(16 * 60_000)
    const late = await t.call('PATCH', `/api/v1/comments/${id}`, { token, body: { body: 'Trop tard' }, headers: { 'accept-language': 'fr' } })
    expect(late.status).toBe(403)
    expect(late.body.error.code).toBe('edit_window_closed')
    expect(late.body.error.message).toContain('15 min')
    const thread = await t.call('GET', `/api/v1/sites/${site}/threads/edit`, { token })
    expect(thread.body.comments[0].body).toBe('Texte corrigé')
    expect(thread.body.comments[0].viewer.canEdit).toBe(false)
  })

  it('re-checks an edit against the rules and refuses a breaking one', async () => {
    const site = await createTestSite(t.deps)
    const token = await createGuest(t, site)
    const posted = await t.call('POST', commentsPath(site, 'edit-rules'), { token, body: { body: 'Un avis mesuré' } })
    const res = await t.call('PATCH', `/api/v1/comments/${posted.body.comment.id}`, { token, body: { body: 'x' } })
    expect(res.status).toBe(422)
    expect(res.body.error.rule).toBe('length')
    const row = await t.deps.db.selectFrom('comment').select('body').where('id', '=', posted.body.comment.id).executeTakeFirstOrThrow()
    expect(row.body).toBe('Un avis mesuré')
  })

  it('deletes without trace when alone, and leaves a tombstone when there are replies', async () => {
    const site = await createTestSite(t.deps)
    const alice = await createGuest(t, site, 'Alice')
    const bob = await createGuest(t, site, 'Bob')
    const lone = await t.call('POST', commentsPath(site, 'del'), { token: alice, body: { body: 'Seul dans son coin' } })
    const parent = await t.call('POST', commentsPath(site, 'del'), { token: alice, body: { body: 'Avec une réponse' } })
    await t.call('POST', commentsPath(site, 'del'), { token: bob, body: { body: 'Voici la réponse', parentId: parent.body.comment.id } })
    expect((await t.call('DELETE', `/api/v1/comments/${lone.body.comment.id}`, { token: bob })).status).toBe(403)
    expect((await t.call('DELETE', `/api/v1/comments/${lone.body.comment.id}`, { token: alice })).status).toBe(204)
    expect((await t.call('DELETE', `/api/v1/comments/${parent.body.comment.id}`, { token: alice })).status).toBe(204)
    expect((await t.call('DELETE', `/api/v1/comments/${parent.body.comment.id}`, { token: alice })).status).toBe(204)
    const thread = await t.call('GET', `/api/v1/sites/${site}/threads/del`)
    expect(thread.body.comments).toHaveLength(1)
    const tombstone = thread.body.comments[0]
    expect(tombstone).toMatchObject({ id: parent.body.comment.id, status: 'deleted', body: '', author: null })
    expect(tombstone.replies[0].body).toBe('Voici la réponse')
    expect(thread.body.thread.commentCount).toBe(1)
  })
})

describe('likes and reports', () => {
  it('counts one like per reader and lets it be taken back', async () => {
    const site = await createTestSite(t.deps)
    const alice = await createGuest(t, site, 'Alice')
    const bob = await createGuest(t, site, 'Bob')
    const posted = await t.call('POST', commentsPath(site, 'likes'), { token: alice, body: { body: 'Aimez-moi' } })
    const id = posted.body.comment.id
    expect((await t.call('POST', `/api/v1/comments/${id}/reactions`, { token: bob })).body).toEqual({ liked: true, likes: 1 })
    expect((await t.call('POST', `/api/v1/comments/${id}/reactions`, { token: bob })).body).toEqual({ liked: true, likes: 1 })
    const own = await t.call('POST', `/api/v1/comments/${id}/reactions`, { token: alice })
    expect(own.status).toBe(403)
    const thread = await t.call('GET', `/api/v1/sites/${site}/threads/likes`, { token: bob })
    expect(thread.body.comments[0].likes).toBe(1)
    expect(thread.body.comments[0].viewer.liked).toBe(true)
    expect((await t.call('DELETE', `/api/v1/comments/${id}/reactions`, { token: bob })).body).toEqual({ liked: false, likes: 0 })
    expect((await t.call('POST', `/api/v1/comments/${id}/reactions`)).status).toBe(401)
  })

  it('takes one report per reader and hides the comment when reports reach the threshold', async () => {
    const site = await createTestSite(t.deps)
    const author = await createGuest(t, site, 'Auteur')
    const posted = await t.call('POST', commentsPath(site, 'reports'), { token: author, body: { body: 'Un avis tranché sur la question' } })
    const id = posted.body.comment.id
    const reporters = await Promise.all(['Un', 'Deux', 'Trois'].map((n) => createGuest(t, site, `Lecteur ${n}`)))
    const first = await t.call('POST', `/api/v1/comments/${id}/reports`, { token: reporters[0], body: { reason: 'insult', note: 'Méprisant' } })
    expect(first.status).toBe(201)
    expect(first.body).toEqual({ reported: true, hidden: false })
    const again = await t.call('POST', `/api/v1/comments/${id}/reports`, { token: reporters[0], body: { reason: 'insult' } })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('already_reported')
    await t.call('POST', `/api/v1/comments/${id}/reports`, { token: reporters[1], body: { reason: 'hate' } })
    const third = await t.call('POST', `/api/v1/comments/${id}/reports`, { token: reporters[2], body: { reason: 'threat' } })
    expect(third.body.hidden).toBe(true)
    const thread = await t.call('GET', `/api/v1/sites/${site}/threads/reports`)
    expect(thread.body.comments).toHaveLength(0)
    const row = await t.deps.db.selectFrom('comment').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'pending', flagged: true, priority: 3, report_count: 3 })
  })
})
