import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { createTestApp } from '../test/helpers/app.ts'
import { createAccount } from '../server/accounts/accounts.service.ts'
import { createSession, type Staff } from '../server/accounts/sessions.ts'
import type { Database } from '../server/db/schema.ts'
import { openDatabase } from '../server/db/client.ts'
import { migrateToLatest } from '../server/db/migrate.ts'
import { queueCounts } from '../server/moderation/queue.repository.ts'
import { readQueue } from '../server/moderation/queue.service.ts'
import { insertSite } from '../server/sites/sites.repository.ts'

/**
 * The moderation queue with 1,000,000 comments stored on one site (2 % pending, 0.5 % reported):
 * the first page with its counts through the service (what the route does), the counts alone, and
 * the whole route over HTTP. Seeds a database of its own on the server of `databaseUrl`.
 */
const SITE = 'qbench'
const COMMENTS = 1_000_000
const RUNS = 300

export interface QueueBench {
  comments: number
  pending: number
  seedSeconds: number
  firstPageMs: Stats
  reportedPageMs: Stats
  countsMs: Stats
  httpFirstPageMs: Stats
}
interface Stats {
  median: number
  p99: number
}

export async function runQueueBench(databaseUrl: string): Promise<QueueBench> {
  const name = `palabre_qbench_${Date.now()}`
  await admin(databaseUrl, `create database ${name}`)
  const url = new URL(databaseUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ databaseUrl: url.href, poolSize: 4 })
  try {
    await migrateToLatest(handle.db)
    const started = performance.now()
    await seed(handle.db)
    const seedSeconds = Math.round((performance.now() - started) / 100) / 10
    // The app wired exactly as the tests wire it, so this bench follows AppDeps as it grows.
    const t = await createTestApp({ handle, url: url.href, destroy: async () => undefined })
    const deps = t.deps
    const account = await createAccount(deps, { email: 'bench@example.org', password: 'bench-password', role: 'moderator', sites: [SITE] })
    const session = await createSession(deps, account.id)
    const staff: Staff = { accountId: account.id, email: account.email, name: account.name, role: 'moderator', sites: [SITE], sessionId: '', csrfToken: '', expiresAt: new Date(), refreshed: false }

    const first = await readQueue(deps, staff, { site: SITE, queue: 'pending' })
    if (first.items.length !== 20 || first.counts.pending !== COMMENTS / 50) throw new Error('queue bench: unexpected first page')
    const firstPageMs = await time(() => readQueue(deps, staff, { site: SITE, queue: 'pending' }))
    const reportedPageMs = await time(() => readQueue(deps, staff, { site: SITE, queue: 'reported' }))
    const countsMs = await time(() => queueCounts(handle.db, [SITE]))

    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const headers = { cookie: `palabre_session=${session.token}` }
    const httpFirstPageMs = await time(async () => {
      const res = await fetch(`${base}/api/v1/moderation/queue?site=${SITE}&queue=pending`, { headers })
      if (res.status !== 200) throw new Error(`queue bench: HTTP ${res.status}`)
      await res.arrayBuffer()
    })
    await new Promise((resolve) => server.close(resolve))
    await deps.changes.stop()
    return { comments: COMMENTS, pending: first.counts.pending, seedSeconds, firstPageMs, reportedPageMs, countsMs, httpFirstPageMs }
  } finally {
    await handle.close()
    if (!process.env.KEEP_BENCH_DB) await admin(databaseUrl, `drop database if exists ${name} with (force)`).catch(() => undefined)
  }
}

/**
 * One statement per table with generate_series: 1,000 threads, 50,000 readers, 1,000,000 comments
 * over a year (every 50th pending with a rule match and a priority, every 200th reported), then
 * VACUUM ANALYZE so the planner and index-only scans see the real table.
 */
async function seed(db: Kysely<Database>) {
  await insertSite(db, { id: SITE, name: 'Queue bench', allowedOrigins: ['https://bench.example'] })
  await sql`set synchronous_commit = off`.execute(db)
  await sql`insert into thread (site_id, article, title, url)
            select ${SITE}, 'a' || g, 'Article ' || g, 'https://bench.example/a/' || g
            from generate_series(1, 1000) g`.execute(db)
  await sql`insert into reader (site_id, kind, name, approved_count, rejected_count)
            select ${SITE}, 'guest', 'Lecteur ' || g, g % 7, g % 3 from generate_series(1, 50000) g`.execute(db)
  await sql`insert into comment (thread_id, site_id, author_id, body, status, priority, flagged, rule_matches,
                                 report_count, report_score, created_at)
            select t.first + g % 1000, ${SITE}, r.first + g % 50000,
                   'Commentaire numéro ' || g || ' : un avis argumenté sur la question du jour, avec https://bit.ly/x' || g,
                   case when g % 50 = 0 then 'pending' else 'published' end,
                   case when g % 50 = 0 then (g / 50) % 4 else 1 end,
                   g % 200 = 7,
                   case when g % 50 = 0
                        then '[{"rule":"links","action":"hold","term":"bit.ly","spans":[{"start":80,"end":100}]}]'::jsonb
                        else '[]'::jsonb end,
                   case when g % 200 = 7 then 1 else 0 end,
                   case when g % 200 = 7 then 1 else 0 end,
                   now() - (${COMMENTS} - g) * interval '30 seconds'
            from generate_series(1, ${COMMENTS}) g,
                 (select min(id) as first from thread) t,
                 (select min(id) as first from reader) r`.execute(db)
  await sql`insert into report (comment_id, reader_id, reason, note)
            select c.id, (select min(id) from reader), 'insult', 'bench'
            from comment c where c.flagged`.execute(db)
  await sql`vacuum analyze`.execute(db)
}

async function time(work: () => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < 30; i++) await work()
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    await work()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  const at = (q: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]! * 100) / 100
  return { median: at(0.5), p99: at(0.99) }
}

async function admin(serverUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  console.log(JSON.stringify(await runQueueBench(url), null, 2))
}
