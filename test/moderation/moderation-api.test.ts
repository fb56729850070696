import { describe, expect, it } from 'vitest'
import { createGuest, createTestSite, type TestApp, useTestApp } from '../helpers/app.ts'
import { HOLD_ALL, signIn, type StaffClient } from './staff.ts'

let t: TestApp

useTestApp((app) => (t = app))

async function post(site: string, token: string, body: string, article = 'art') {
  const res = await t.call('POST', `/api/v1/sites/${site}/threads/${article}/comments`, { token, body: { body } })
  if (res.status !== 201) throw new Error(`post: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.comment.id as string
}

const thread = (site: string, article = 'art') => t.call('GET', `/api/v1/sites/${site}/threads/${article}`)
const decide = (staff: StaffClient, id: string, body: unknown) =>
  staff.call('POST', `/api/v1/moderation/comments/${id}/decision`, { body })
const auditRows = (targetId: string, type = 'comment') =>
  t.deps.db.selectFrom('audit_log').selectAll().where('target_type', '=', type).where('target_id', '=', targetId).orderBy('id').execute()

/** A site that holds everything, a moderator of it, and a reader with `n` held comments. */
async function heldSetup(n = 1) {
  const site = await createTestSite(t.deps, { settings: HOLD_ALL })
  const staff = await signIn(t, { sites: [site] })
  const reader = await createGuest(t, site, 'Auteur')
  const ids = []
  for (let i = 0; i < n; i++) ids.push(await post(site, reader, `Commentaire numéro ${i + 1} à relire`))
  return { site, staff, reader, ids }
}

describe('guards on every moderation route', () => {
  const routes = (site: string, id: string): [string, string, unknown?][] => [
    ['GET', '/api/v1/moderation/sites'],
    ['GET', `/api/v1/moderation/queue?site=${site}`],
    ['POST', `/api/v1/moderation/comments/${id}/decision`, { action: 'approve' }],
    ['GET', `/api/v1/moderation/readers/1`],
    ['POST', `/api/v1/moderation/readers/1/sanctions`, { kind: 'warn', reason: 'test' }],
    ['DELETE', `/api/v1/moderation/readers/1/sanctions/1`],
    ['GET', `/api/v1/moderation/audit?site=${site}`],
  ]

  it('401 without a session', async () => {
    const { site, ids } = await heldSetup()
    for (const [method, path, body] of routes(site, ids[0]!)) {
      const res = await t.call(method, path, { body, headers: { origin: 'http://palabre.test' } })
      expect(res.status, `${method} ${path}`).toBe(401)
      expect(res.body.error.code).toBe('auth_required')
    }
  })

  it('403 cross-site with the cookie, and 403 without or with a wrong CSRF token', async () => {
    const { site, staff, ids } = await heldSetup()
    for (const [method, path, body] of routes(site, ids[0]!)) {
      const res = await staff.call(method, path, { body, origin: 'https://evil.example' })
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(res.body.error.code).toBe('cross_site')
      if (method === 'GET') continue
      expect((await staff.call(method, path, { body, csrf: null })).body.error.code).toBe('csrf_invalid')
      expect((await staff.call(method, path, { body, csrf: staff.csrf.slice(1) + 'x' })).status).toBe(403)
      expect((await staff.call(method, path, { body, origin: null })).status).toBe(403)
    }
    expect(await auditRows(ids[0]!)).toHaveLength(0)
  })

  it('403 on another site’s queue, comments and readers', async () => {
    const { site, ids } = await heldSetup()
    const other = await signIn(t, { sites: [await createTestSite(t.deps)] })
    const queue = await other.call('GET', `/api/v1/moderation/queue?site=${site}`)
    expect(queue.status).toBe(403)
    expect(queue.body.error.code).toBe('site_forbidden')
    expect((await decide(other, ids[0]!, { action: 'approve' })).status).toBe(403)
    const author = await t.deps.db.selectFrom('comment').select('author_id').where('id', '=', ids[0]!).executeTakeFirstOrThrow()
    const sanction = await other.call('POST', `/api/v1/moderation/readers/${author.author_id}/sanctions`, { body: { kind: 'ban', reason: 'x' } })
    expect(sanction.status).toBe(403)
    expect((await other.call('GET', `/api/v1/moderation/audit?site=${site}`)).status).toBe(403)
    // Without ?site= a moderator sees only granted sites.
    const mine = await other.call('GET', '/api/v1/moderation/queue')
    expect(mine.body.items).toEqual([])
  })
})

describe('queue', () => {
  it('lists held comments urgent first then oldest, with reasons, context and author history', async () => {
    const { site, staff, ids } = await heldSetup(3)
    await t.deps.db.updateTable('comment').set({ priority: 3 }).where('id', '=', ids[2]!).execute()
    const res = await staff.call('GET', `/api/v1/moderation/queue?site=${site}&queue=pending`)
    expect(res.status).toBe(200)
    expect(res.body.items.map((i: any) => i.comment.id)).toEqual([ids[2], ids[0], ids[1]])
    expect(res.body.counts).toEqual({ pending: 3, reported: 0 })
    const item = res.body.items[0]
    expect(item.comment).toMatchObject({ body: 'Commentaire numéro 3 à relire', status: 'pending', priority: 'urgent', parent: null })
    expect(item.thread).toMatchObject({ article: 'art' })
    expect(item.author).toMatchObject({ name: 'Auteur', kind: 'guest', approvedCount: 0, rejectedCount: 0, sanctions: [] })
    const reason = item.reasons.find((r: any) => r.rule === 'author.new')
    expect(reason).toMatchObject({ action: 'hold', message: { fr: expect.any(String), en: expect.any(String) } })
    expect(item.reports).toEqual([])
  })

  it('pages by keyset cursor without repeats or gaps', async () => {
    const { site, staff, ids } = await heldSetup(25)
    const first = await staff.call('GET', `/api/v1/moderation/queue?site=${site}`)
    expect(first.body.items).toHaveLength(20)
    const second = await staff.call('GET', `/api/v1/moderation/queue?site=${site}&cursor=${first.body.nextCursor}`)
    expect(second.body.nextCursor).toBeNull()
    expect([...first.body.items, ...second.body.items].map((i: any) => i.comment.id)).toEqual(ids)
    const bad = await staff.call('GET', `/api/v1/moderation/queue?site=${site}&cursor=nope`)
    expect(bad.body.error.code).toBe('invalid_cursor')
    expect((await staff.call('GET', `/api/v1/moderation/queue?site=${site}&queue=later`)).status).toBe(400)
  })
})

describe('decisions', () => {
  it('approve publishes at once: next thread read, counts, author history, audit', async () => {
    const { site, staff, ids } = await heldSetup()
    expect((await thread(site)).body.comments).toHaveLength(0)
    const res = await decide(staff, ids[0]!, { action: 'approve' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ changed: true, comment: { id: ids[0], status: 'published', decision: { action: 'approve', by: staff.accountId } } })
    const read = await thread(site)
    expect(read.body.comments.map((c: any) => c.id)).toEqual([ids[0]])
    expect(read.body.thread.commentCount).toBe(1)
    const author = await t.deps.db.selectFrom('comment').innerJoin('reader', 'reader.id', 'comment.author_id').select(['approved_count', 'rejected_count']).where('comment.id', '=', ids[0]!).executeTakeFirstOrThrow()
    expect(author).toEqual({ approved_count: 1, rejected_count: 0 })
    const audit = await auditRows(ids[0]!)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'comment.approve', actor_id: staff.accountId, site_id: site, before: { status: 'pending' }, after: { status: 'published' } })
    const queue = await staff.call('GET', `/api/v1/moderation/queue?site=${site}&queue=approved`)
    expect(queue.body.items[0].comment.decision).toMatchObject({ by: expect.any(String) })
  })

  it('is idempotent: the same decision again answers the state and writes nothing', async () => {
    const { staff, ids } = await heldSetup()
    await decide(staff, ids[0]!, { action: 'reject', reason: 'spam' })
    const again = await decide(staff, ids[0]!, { action: 'reject', reason: 'spam' })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ changed: false, comment: { status: 'rejected', decision: { action: 'reject', reason: 'spam' } } })
    expect(await auditRows(ids[0]!)).toHaveLength(1)
  })

  it('reject removes a published comment from the very next read; re-deciding needs override', async () => {
    const site = await createTestSite(t.deps)
    const staff = await signIn(t, { sites: [site] })
    const id = await post(site, await createGuest(t, site), 'Un commentaire publié tout de suite')
    expect((await thread(site)).body.thread.commentCount).toBe(1)
    const res = await decide(staff, id, { action: 'reject', reason: 'insult' })
    expect(res.body.comment).toMatchObject({ status: 'rejected', decision: { reason: 'insult' } })
    const read = await thread(site)
    expect(read.body.comments).toHaveLength(0)
    expect(read.body.thread.commentCount).toBe(0)
    const conflict = await decide(staff, id, { action: 'approve' })
    expect(conflict.status).toBe(409)
    expect(conflict.body.error).toMatchObject({ code: 'already_decided', outcome: { status: 'rejected' } })
    const override = await decide(staff, id, { action: 'approve', override: true })
    expect(override.body.comment.status).toBe('published')
    expect((await thread(site)).body.thread.commentCount).toBe(1)
    expect((await auditRows(id)).map((r) => r.action)).toEqual(['comment.reject', 'comment.approve'])
  })

  it('two moderators deciding at once: one wins, the other sees the outcome', async () => {
    const { site, staff, ids } = await heldSetup()
    const other = await signIn(t, { sites: [site] })
    const [a, b] = await Promise.all([
      decide(staff, ids[0]!, { action: 'approve' }),
      decide(other, ids[0]!, { action: 'reject', reason: 'spam' }),
    ])
    const statuses = [a.status, b.status].sort()
    expect(statuses).toEqual([200, 409])
    const loser = a.status === 409 ? a : b
    const winner = a.status === 200 ? a : b
    expect(loser.body.error.outcome.status).toBe(winner.body.comment.status)
    expect(await auditRows(ids[0]!)).toHaveLength(1)
    const counts = (await thread(site)).body.thread.commentCount
    expect(counts).toBe(winner.body.comment.status === 'published' ? 1 : 0)
  })

  it('two moderators approving at once: both 200, one audit row, counted once', async () => {
    const { site, staff, ids } = await heldSetup()
    const other = await signIn(t, { sites: [site] })
    const results = await Promise.all([decide(staff, ids[0]!, { action: 'approve' }), decide(other, ids[0]!, { action: 'approve' })])
    expect(results.map((r) => r.status)).toEqual([200, 200])
    expect(results.map((r) => r.body.changed).sort()).toEqual([false, true])
    expect(await auditRows(ids[0]!)).toHaveLength(1)
    expect((await thread(site)).body.thread.commentCount).toBe(1)
  })

  it('404 for an unknown comment, 400 for a bad action', async () => {
    const { staff, ids } = await heldSetup()
    expect((await decide(staff, '999999999', { action: 'approve' })).status).toBe(404)
    expect((await decide(staff, ids[0]!, { action: 'maybe' })).status).toBe(400)
  })
})

describe('reports', () => {
  it('reports reaching the threshold hide the comment from the thread at once, into the pending queue', async () => {
    const site = await createTestSite(t.deps)
    const staff = await signIn(t, { sites: [site] })
    const id = await post(site, await createGuest(t, site, 'Rémi'), 'Un avis tranché sur la question')
    const report = async (reason: string, i: number) => {
      const token = await createGuest(t, site, `Lecteur ${i}`)
      return t.call('POST', `/api/v1/comments/${id}/reports`, { token, body: { reason, note: `note ${i}` } })
    }
    expect((await report('insult', 1)).body.hidden).toBe(false)
    const reported = await staff.call('GET', `/api/v1/moderation/queue?site=${site}&queue=reported`)
    expect(reported.body.items.map((i: any) => i.comment.id)).toEqual([id])
    expect(reported.body.counts).toEqual({ pending: 0, reported: 1 })
    await report('insult', 2)
    expect((await report('threat', 3)).body.hidden).toBe(true)
    const read = await thread(site)
    expect(read.body.comments).toHaveLength(0)
    expect(read.body.thread.commentCount).toBe(0)
    const pending = await staff.call('GET', `/api/v1/moderation/queue?site=${site}&queue=pending`)
    const item = pending.body.items[0]
    expect(item.comment).toMatchObject({ id, priority: 'urgent' })
    expect(item.reports.map((r: any) => r.reason)).toEqual(['insult', 'insult', 'threat'])
    expect(item.reports[0]).toMatchObject({ note: 'note 1', weight: 1 })
    expect(item.reasons.find((r: any) => r.rule === 'reports').message.en).toMatch(/Reported by 3 readers/)
    // Approving restores it, and the judged reports no longer count toward hiding it again.
    await decide(staff, id, { action: 'approve' })
    expect((await thread(site)).body.thread.commentCount).toBe(1)
    expect((await report('spam', 4)).body.hidden).toBe(false)
  })
})

describe('sanctions', () => {
  async function readerOf(site: string) {
    const token = await createGuest(t, site, 'Trublion')
    const id = await post(site, token, 'Premier message tout à fait correct')
    const row = await t.deps.db.selectFrom('comment').select('author_id').where('id', '=', id).executeTakeFirstOrThrow()
    return { token, readerId: row.author_id }
  }

  it('a banned reader gets 403 sanctioned; lifting restores posting; both audited', async () => {
    const site = await createTestSite(t.deps)
    const staff = await signIn(t, { sites: [site] })
    const { token, readerId } = await readerOf(site)
    const ban = await staff.call('POST', `/api/v1/moderation/readers/${readerId}/sanctions`, { body: { kind: 'ban', reason: 'Insultes répétées' } })
    expect(ban.status).toBe(201)
    expect(ban.body.sanction).toMatchObject({ kind: 'ban', reader: readerId, until: null, reason: 'Insultes répétées', liftedAt: null })
    const refused = await t.call('POST', `/api/v1/sites/${site}/threads/art/comments`, { token, body: { body: 'Encore moi, toujours là' } })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('sanctioned')
    const history = await staff.call('GET', `/api/v1/moderation/readers/${readerId}`)
    expect(history.body.sanctions).toHaveLength(1)
    const lift = await staff.call('DELETE', `/api/v1/moderation/readers/${readerId}/sanctions/${ban.body.sanction.id}`)
    expect(lift.status).toBe(200)
    expect(lift.body.sanction.liftedAt).not.toBeNull()
    const again = await staff.call('DELETE', `/api/v1/moderation/readers/${readerId}/sanctions/${ban.body.sanction.id}`)
    expect(again.status).toBe(200)
    expect((await post(site, token, 'De retour, et plus calme'))).toBeTruthy()
    expect((await auditRows(readerId, 'reader')).map((r) => r.action)).toEqual(['sanction.create', 'sanction.lift'])
  })

  it('suspension needs a future date; it shows on the author in the queue; premod holds', async () => {
    const site = await createTestSite(t.deps)
    const staff = await signIn(t, { sites: [site] })
    const { token, readerId } = await readerOf(site)
    const path = `/api/v1/moderation/readers/${readerId}/sanctions`
    expect((await staff.call('POST', path, { body: { kind: 'suspend', reason: 'x' } })).body.error.code).toBe('until_required')
    const past = new Date(t.clock.now().getTime() - 1000).toISOString()
    expect((await staff.call('POST', path, { body: { kind: 'suspend', until: past, reason: 'x' } })).status).toBe(422)
    expect((await staff.call('POST', path, { body: { kind: 'exile', reason: 'x' } })).status).toBe(400)
    expect((await staff.call('POST', path, { body: { kind: 'premod', reason: 'Surveillance' } })).status).toBe(201)
    const held = await t.call('POST', `/api/v1/sites/${site}/threads/art/comments`, { token, body: { body: 'Un message qui sera relu' } })
    expect(held.body.outcome).toBe('pending')
    const until = new Date(t.clock.now().getTime() + 86_400_000).toISOString()
    expect((await staff.call('POST', path, { body: { kind: 'suspend', until, reason: 'Trois jours' } })).status).toBe(201)
    const queue = await staff.call('GET', `/api/v1/moderation/queue?site=${site}`)
    expect(queue.body.items[0].author.sanctions.map((s: any) => s.kind)).toEqual(['premod', 'suspend'])
    expect(queue.body.items[0].reasons.map((r: any) => r.rule)).toContain('author.premod')
    const refused = await t.call('POST', `/api/v1/sites/${site}/threads/art/comments`, { token, body: { body: 'Et maintenant ?' } })
    expect(refused.body.error.code).toBe('sanctioned')
    t.clock.advance(2 * 86_400_000)
    const back = await t.call('POST', `/api/v1/sites/${site}/threads/art/comments`, { token, body: { body: 'La suspension est finie' } })
    expect(back.status).toBe(201)
  })
})

describe('audit', () => {
  it('lists decisions and sanctions newest first with who, what and why, paged', async () => {
    const { site, staff, ids } = await heldSetup(2)
    await decide(staff, ids[0]!, { action: 'approve' })
    await decide(staff, ids[1]!, { action: 'reject', reason: 'off_topic' })
    const res = await staff.call('GET', `/api/v1/moderation/audit?site=${site}`)
    expect(res.status).toBe(200)
    expect(res.body.entries.map((e: any) => e.action)).toEqual(['comment.reject', 'comment.approve'])
    expect(res.body.entries[0]).toMatchObject({
      site,
      actor: { id: staff.accountId, email: staff.email },
      target: { type: 'comment', id: ids[1] },
      before: { status: 'pending' },
      after: { status: 'rejected' },
      reason: 'off_topic',
    })
    expect(res.body.nextCursor).toBeNull()
  })
})
