import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createGuest, createTestSite, type TestApp, useTestApp } from '../helpers/app.ts'

let t: TestApp

useTestApp((app) => (t = app))

/** Inserts `count` top-level comments in one statement, all with the same timestamp when asked. */
async function seedThread(site: string, article: string, count: number, options: { sameTime?: boolean } = {}) {
  const thread = await t.deps.db
    .insertInto('thread')
    .values({ site_id: site, article, title: 'T', url: 'https://news.example.org/a', comment_count: count })
    .returning('id')
    .executeTakeFirstOrThrow()
  const reader = await t.deps.db
    .insertInto('reader')
    .values({ site_id: site, kind: 'guest', external_id: null, name: 'Seed', email: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  const created = options.sameTime
    ? sql`timestamptz '2026-11-01 12:00:00.123456+00'`
    : sql`timestamptz '2026-11-01 12:00:00+00' + (g * interval '1 second')`
  await sql`insert into comment (thread_id, site_id, author_id, body, status, like_count, created_at)
            select ${thread.id}, ${site}, ${reader.id}, 'comment ' || g, 'published', g % 7, ${created}
            from generate_series(1, ${count}) g`.execute(t.deps.db)
  return { threadId: thread.id, readerId: reader.id }
}

async function allPages(path: string, pageSize: number) {
  const ids: string[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const res = await t.call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`)
    expect(res.status).toBe(200)
    ids.push(...res.body.comments.map((c: { id: string }) => c.id))
    cursor = res.body.nextCursor
    pages++
  } while (cursor && pages < 1000)
  return { ids, pages }
}

describe('reading a thread', () => {
  it('answers an unknown article with an empty open thread', async () => {
    const site = await createTestSite(t.deps)
    const res = await t.call('GET', `/api/v1/sites/${site}/threads/nothing-yet`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      thread: { site, article: 'nothing-yet', title: '', url: '', status: 'open', commentCount: 0 },
      comments: [],
      nextCursor: null,
    })
  })

  it.each(['newest', 'oldest', 'top'] as const)(
    'pages through equal timestamps by %s with no gap and no repeat',
    async (sort) => {
      const site = await createTestSite(t.deps)
      await seedThread(site, 'same-time', 57, { sameTime: true })
      const { ids, pages } = await allPages(`/api/v1/sites/${site}/threads/same-time?sort=${sort}`, 10)
      expect(pages).toBe(6)
      expect(ids).toHaveLength(57)
      expect(new Set(ids).size).toBe(57)
    },
  )

  it('orders newest, oldest and top as asked', async () => {
    const site = await createTestSite(t.deps)
    await seedThread(site, 'ordered', 30)
    const newest = await t.call('GET', `/api/v1/sites/${site}/threads/ordered?sort=newest&limit=30`)
    const oldest = await t.call('GET', `/api/v1/sites/${site}/threads/ordered?sort=oldest&limit=30`)
    const top = await t.call('GET', `/api/v1/sites/${site}/threads/ordered?sort=top&limit=30`)
    const bodies = (res: typeof newest) => res.body.comments.map((c: { body: string }) => c.body)
    expect(bodies(newest)[0]).toBe('comment 30')
    expect(bodies(oldest)[0]).toBe('comment 1')
    expect(bodies(newest)).toEqual([...bodies(oldest)].reverse())
    const likes = top.body.comments.map((c: { likes: number }) => c.likes)
    expect(likes).toEqual([...likes].sort((a, b) => b - a))
    expect(top.body.comments[0].likes).toBe(6)
  })

  it('pages by top with likes changing between pages without repeating', async () => {
    const site = await createTestSite(t.deps)
    await seedThread(site, 'top-pages', 45)
    const { ids } = await allPages(`/api/v1/sites/${site}/threads/top-pages?sort=top`, 7)
    expect(new Set(ids).size).toBe(45)
  })

  it('uses the same number of queries for page 1 and page 200 of a 10,000-comment thread', async () => {
    const site = await createTestSite(t.deps)
    await seedThread(site, 'huge', 10_000)
    const path = `/api/v1/sites/${site}/threads/huge?sort=oldest&limit=50`
    // Walk to page 200 collecting cursors (cursors are opaque; they are made by the server).
    let cursor: string | null = null
    for (let page = 1; page < 200; page++) {
      const res = await t.call('GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`)
      cursor = res.body.nextCursor
    }
    expect(cursor).not.toBeNull()
    const count = async (url: string) => {
      const queries: string[] = []
      const original = t.deps.db
      const logged = original.withPlugin({
        transformQuery: (args) => {
          queries.push(args.node.kind)
          return args.node
        },
        transformResult: async (args) => args.result,
      })
      t.deps.db = logged
      try {
        const res = await t.call('GET', url)
        expect(res.status).toBe(200)
        return { queries: queries.length, body: res.body }
      } finally {
        t.deps.db = original
      }
    }
    t.deps.threadCache.clear() // measure the database path, not the cache
    const first = await count(path)
    const deep = await count(`${path}&cursor=${cursor}`)
    const cachedFirst = await count(path)
    expect(cachedFirst.queries).toBe(0)
    expect(cachedFirst.body).toEqual(first.body)
    expect(first.body.comments).toHaveLength(50)
    expect(deep.body.comments).toHaveLength(50)
    expect(deep.body.comments[0].body).toBe('comment 9951')
    expect(deep.queries).toBe(first.queries)
    expect(first.queries).toBeLessThanOrEqual(6)
  })

  it('nests replies to depth 3 and attaches deeper replies to the depth-3 ancestor with a mention', async () => {
    const site = await createTestSite(t.deps)
    const alice = await createGuest(t, site, 'Alice')
    const bob = await createGuest(t, site, 'Bob')
    const post = async (token: string, body: string, parentId?: string) => {
      const res = await t.call('POST', `/api/v1/sites/${site}/threads/nest/comments`, {
        token,
        body: { body, ...(parentId && { parentId }) },
      })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      return res.body.comment.id as string
    }
    const root = await post(alice, 'Premier niveau')
    const d2 = await post(bob, 'Deuxième niveau', root)
    const d3 = await post(alice, 'Troisième niveau', d2)
    const d4 = await post(bob, 'Quatrième niveau, aplati', d3)
    const res = await t.call('GET', `/api/v1/sites/${site}/threads/nest`)
    const [top] = res.body.comments
    expect(top.id).toBe(root)
    expect(top.replies[0].id).toBe(d2)
    const level3 = top.replies[0].replies
    expect(level3.map((c: { id: string }) => c.id)).toEqual([d3, d4])
    expect(level3[1].parentId).toBe(d2)
    expect(level3[1].replyTo).toEqual({ id: d3, name: 'Alice' })
    expect(level3[0].replyTo).toBeUndefined()
    expect(res.body.thread.commentCount).toBe(4)
  })

  it('shows three replies, then a cursor for the rest', async () => {
    const site = await createTestSite(t.deps)
    const alice = await createGuest(t, site, 'Alice')
    const bob = await createGuest(t, site, 'Bob')
    const first = await t.call('POST', `/api/v1/sites/${site}/threads/many-replies/comments`, { token: alice, body: { body: 'Question ouverte à tous' } })
    const rootId = first.body.comment.id
    for (let i = 1; i <= 8; i++) {
      const res = await t.call('POST', `/api/v1/sites/${site}/threads/many-replies/comments`, { token: bob, body: { body: `Réponse numéro ${i}`, parentId: rootId } })
      expect(res.status).toBe(201)
    }
    const thread = await t.call('GET', `/api/v1/sites/${site}/threads/many-replies`)
    const root = thread.body.comments[0]
    expect(root.replyCount).toBe(8)
    expect(root.replies.map((r: { body: string }) => r.body)).toEqual(['Réponse numéro 1', 'Réponse numéro 2', 'Réponse numéro 3'])
    expect(root.repliesCursor).toBeTruthy()
    const more = await t.call('GET', `/api/v1/comments/${rootId}/replies?cursor=${root.repliesCursor}&limit=3`)
    expect(more.status).toBe(200)
    expect(more.body.comments.map((r: { body: string }) => r.body)).toEqual(['Réponse numéro 4', 'Réponse numéro 5', 'Réponse numéro 6'])
    const rest = await t.call('GET', `/api/v1/comments/${rootId}/replies?cursor=${more.body.nextCursor}&limit=3`)
    expect(rest.body.comments.map((r: { body: string }) => r.body)).toEqual(['Réponse numéro 7', 'Réponse numéro 8'])
    expect(rest.body.nextCursor).toBeNull()
  })

  it('counts comments of several articles in one request', async () => {
    const site = await createTestSite(t.deps)
    await seedThread(site, 'counted', 12)
    const res = await t.call('GET', `/api/v1/sites/${site}/counts?article=counted&article=never-commented`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ counts: { counted: 12, 'never-commented': 0 } })
  })

  it('serves the rules of conduct in the reader’s language', async () => {
    const site = await createTestSite(t.deps)
    const fr = await t.call('GET', `/api/v1/sites/${site}/rules`, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } })
    const en = await t.call('GET', `/api/v1/sites/${site}/rules?lang=en`)
    expect(fr.body.title).toBe('Règles de conduite')
    expect(en.body.title).toBe('Rules of conduct')
    expect(en.body.limits).toEqual({ minLength: 2, maxLength: 2000, editWindowMinutes: 15 })
  })

  it('shows readers their own pending comments, and nobody else', async () => {
    const site = await createTestSite(t.deps, {
      settings: { rules: { rate: { minIntervalSeconds: 0, perHour: 1000, newReaderMinIntervalSeconds: 0 }, authorNew: { enabled: true, count: 2 } } },
    })
    const author = await createGuest(t, site, 'Nouvelle')
    const posted = await t.call('POST', `/api/v1/sites/${site}/threads/held/comments`, { token: author, body: { body: 'Mon tout premier commentaire ici.' } })
    expect(posted.status).toBe(201)
    expect(posted.body.outcome).toBe('pending')
    const own = await t.call('GET', `/api/v1/sites/${site}/threads/held`, { token: author })
    expect(own.body.comments).toHaveLength(1)
    expect(own.body.comments[0].status).toBe('pending')
    const other = await t.call('GET', `/api/v1/sites/${site}/threads/held`)
    expect(other.body.comments).toHaveLength(0)
    expect(other.body.thread.commentCount).toBe(0)
  })
})
