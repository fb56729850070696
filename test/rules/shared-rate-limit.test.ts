import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/client.ts'
import { createTestApp, createTestSite, type TestApp } from '../helpers/app.ts'
import { createTestDatabase, hasServer, type TestDatabase } from '../helpers/db.ts'

/**
 * `rate.comment` is stored in PostgreSQL, not in an instance's memory: two app instances on one
 * database count the same reader's posts together, and concurrent posts from one reader are
 * serialized by the lock on the reader's row. With a server, each instance has its own connection
 * pool, as two processes would; on PGlite (one connection) the two apps share the handle.
 */

let database: TestDatabase
let second: TestDatabase
let a: TestApp
let b: TestApp

beforeAll(async () => {
  database = await createTestDatabase()
  if (database.url) {
    const handle = await openDatabase({ databaseUrl: database.url, poolSize: 5 })
    second = { handle, url: database.url, destroy: () => handle.close() }
  } else {
    second = { ...database, destroy: async () => {} }
  }
  a = await createTestApp(database)
  b = await createTestApp(second)
})
afterAll(async () => {
  await a.deps.changes.stop()
  await b.deps.changes.stop()
  await second.destroy()
  await database.destroy()
})

/** Both instances see the same time, as servers with synchronized clocks do. */
function advance(ms: number) {
  a.clock.advance(ms)
  b.clock.advance(ms)
}

const commentsPath = (site: string, article: string) => `/api/v1/sites/${site}/threads/${article}/comments`

/** A reader with two approved comments (the ordinary pace: 1 per 10 s), created through `a`. */
async function regular(site: string) {
  const res = await a.call('POST', `/api/v1/sites/${site}/readers`, { body: { name: 'Dominique' } })
  expect(res.status).toBe(201)
  await a.deps.db.updateTable('reader').set({ approved_count: 2 }).where('id', '=', String(res.body.reader.id)).execute()
  return res.body.token as string
}

let n = 0
const post = (app: TestApp, site: string, token: string) =>
  app.call('POST', commentsPath(site, 'shared'), { token, body: { body: `Avis numéro ${n++} sur la réforme.` } })

async function stored(site: string) {
  return a.deps.db.selectFrom('comment').select('id').where('site_id', '=', site).execute()
}

describe('rate limits shared by two instances on one database', () => {
  it('the minimum interval counts a post made through the other instance', async () => {
    const site = await createTestSite(a.deps, { settings: {} })
    const token = await regular(site)
    expect((await post(a, site, token)).status).toBe(201)
    advance(4_000)
    const refused = await post(b, site, token)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('6')
    expect(refused.body.error.rule).toBe('rate.comment')
    advance(6_000)
    expect((await post(b, site, token)).status).toBe(201)
    const again = await post(a, site, token)
    expect(again.status).toBe(429)
    expect(again.headers.get('retry-after')).toBe('10')
    expect(await stored(site)).toHaveLength(2)
  })

  it('the hourly cap counts posts made through both instances', async () => {
    const site = await createTestSite(a.deps, {
      settings: { rules: { rate: { minIntervalSeconds: 0, perHour: 4, newReaderMinIntervalSeconds: 0 } } },
    })
    const token = await regular(site)
    for (const app of [a, b, a, b]) {
      expect((await post(app, site, token)).status).toBe(201)
      advance(60_000)
    }
    for (const app of [a, b]) {
      const res = await post(app, site, token)
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBe(56 * 60)
    }
    advance(56 * 60_000 + 1000)
    expect((await post(b, site, token)).status).toBe(201)
    expect(await stored(site)).toHaveLength(5)
  })

  it.runIf(hasServer)(
    'ten concurrent posts from one reader across both instances: exactly one 201, nine 429 (needs a server: several connections)',
    async () => {
      const site = await createTestSite(a.deps, { settings: {} })
      const token = await regular(site)
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => post(i % 2 ? b : a, site, token)))
      const statuses = results.map((r) => r.status).sort()
      expect(statuses).toEqual([201, ...Array(9).fill(429)])
      for (const r of results.filter((r) => r.status === 429)) {
        expect(r.body.error.rule).toBe('rate.comment')
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0)
      }
      expect(await stored(site)).toHaveLength(1)
    },
  )

  it.runIf(hasServer)(
    'ten concurrent posts against an hourly cap of 3 across both instances: exactly three stored (needs a server: several connections)',
    async () => {
      const site = await createTestSite(a.deps, {
        settings: { rules: { rate: { minIntervalSeconds: 0, perHour: 3, newReaderMinIntervalSeconds: 0 } } },
      })
      const token = await regular(site)
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => post(i % 2 ? b : a, site, token)))
      expect(results.filter((r) => r.status === 201)).toHaveLength(3)
      expect(results.filter((r) => r.status === 429)).toHaveLength(7)
      expect(await stored(site)).toHaveLength(3)
    },
  )
})
