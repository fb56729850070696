import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import pg from 'pg'
import type { ChildProcess } from 'node:child_process'
import { encodeCursor } from '../server/comments/cursor.ts'
import { openDatabase } from '../server/db/client.ts'
import { migrateToLatest } from '../server/db/migrate.ts'
import { signReaderToken } from '../server/readers/reader-token.ts'
import { insertSite } from '../server/sites/sites.repository.ts'
import { load, type LoadResult } from './load.ts'
import { freePort, startProcess, stopProcess } from './processes.ts'
import { seedReaders, seedThread } from './seed.ts'

/**
 * `npm run bench`: seeds a fresh database on DATABASE_URL's server, starts Palabre as its own process
 * and drives it on loopback with autocannon — thread first pages (100 / 10,000 / 100,000 comments),
 * a deep page, posting with every rule on, the moderation queue — against a bare server sending the
 * same bytes. Prints a table and writes bench/results/latest.json.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url))
const SECRET = 'bench-secret-bench-secret-bench-secret'
const SITE = 'bench'
const CONNECTIONS = 50
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)

export async function runBench(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) throw new Error('npm run bench needs DATABASE_URL (a PostgreSQL server it may create a database on)')
  const dbName = `palabre_bench_${Date.now()}`
  await admin(serverUrl, `create database ${dbName}`)
  const url = new URL(serverUrl)
  url.pathname = `/${dbName}`
  const databaseUrl = url.href
  const dataDir = mkdtempSync(path.join(tmpdir(), 'palabre-bench-'))
  const children: ChildProcess[] = []
  const results: Record<string, unknown> = { date: new Date().toISOString(), connections: CONNECTIONS, seconds: SECONDS }
  const rows: string[][] = []
  try {
    const handle = await openDatabase({ databaseUrl })
    await migrateToLatest(handle.db)
    await insertSite(handle.db, { id: SITE, name: 'Bench', allowedOrigins: ['https://bench.example'] })
    log('seeding threads of 100, 10,000 and 100,000 comments…')
    for (const n of [100, 10_000, 100_000]) await seedThread(handle.db, SITE, `t${n}`, n)

    const port = await freePort()
    children.push(
      await startProcess([path.join(ROOT, 'bin/palabre.js'), 'serve'], {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        PALABRE_SECRET: SECRET,
        PALABRE_DATA_DIR: dataDir,
      }, /Palabre is running/),
    )
    const base = `http://127.0.0.1:${port}/api/v1/sites/${SITE}`

    const reads: Record<string, LoadResult> = {}
    for (const n of [100, 10_000, 100_000]) {
      reads[`first page, ${n} comments`] = await load({ url: `${base}/threads/t${n}`, connections: CONNECTIONS, duration: SECONDS, warmupSeconds: 1 })
    }
    // The database path, without the page cache: the first page against a deep page shows the
    // keyset staying flat however far in the cursor is.
    const uncachedPort = await freePort()
    const uncached = await startProcess([path.join(ROOT, 'bin/palabre.js'), 'serve'], {
      PORT: String(uncachedPort),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      PALABRE_SECRET: SECRET,
      PALABRE_DATA_DIR: dataDir,
      PALABRE_PAGE_CACHE_MS: '0',
    }, /Palabre is running/)
    const uncachedBase = `http://127.0.0.1:${uncachedPort}/api/v1/sites/${SITE}`
    const deepCursor = await cursorAt(handle.db, 't100000', 80_000)
    reads['first page, 100000 comments, cache off'] = await load({ url: `${uncachedBase}/threads/t100000`, connections: CONNECTIONS, duration: SECONDS, warmupSeconds: 1 })
    reads['deep page (80,000 in), 100000 comments'] = await load({ url: `${uncachedBase}/threads/t100000?cursor=${deepCursor}`, connections: CONNECTIONS, duration: SECONDS, warmupSeconds: 1 })
    await stopProcess(uncached)

    // The baseline: the identical first-page bytes from a bare Node.js server.
    const bytes = Buffer.from(await (await fetch(`${base}/threads/t10000`)).arrayBuffer())
    const bodyFile = path.join(dataDir, 'first-page.json')
    writeFileSync(bodyFile, bytes)
    const basePort = await freePort()
    children.push(await startProcess(['--import', 'tsx', path.join(ROOT, 'bench/baseline-server.ts'), bodyFile, String(basePort)], {}, /baseline listening/))
    const baseline = await load({ url: `http://127.0.0.1:${basePort}/`, connections: CONNECTIONS, duration: SECONDS, warmupSeconds: 1 })
    await stopProcess(children.pop())
    for (const [name, r] of Object.entries(reads)) {
      rows.push([name, fmt(r.requestsPerSecond), `${r.p50}`, `${r.p99}`, `${r.non2xx + r.errors}`, ratio(r, baseline)])
    }
    rows.push([`baseline (same ${bytes.length} bytes, bare node:http)`, fmt(baseline.requestsPerSecond), `${baseline.p50}`, `${baseline.p99}`, `${baseline.non2xx + baseline.errors}`, '1.00'])
    results.reads = reads
    results.baseline = { ...baseline, bytes: bytes.length }

    log('posting with every rule on, from many readers into one hot thread…')
    const posting = await benchPosting(handle.db, base)
    rows.push(['posts, rules on, one hot thread', fmt(posting.load.requestsPerSecond), `${posting.load.p50}`, `${posting.load.p99}`, `${posting.load.non2xx + posting.load.errors}`, `${posting.acknowledgedStored}/${posting.acknowledged} 201s stored, ${posting.duplicates} dup`])
    results.posting = posting
    await handle.close()

    const extras = await optionalBenches(databaseUrl)
    Object.assign(results, extras.results)
    rows.push(...extras.rows)
  } finally {
    for (const child of children) await stopProcess(child)
    rmSync(dataDir, { recursive: true, force: true })
    await admin(serverUrl, `drop database if exists ${dbName} with (force)`).catch(() => undefined)
  }

  printTable(['measure', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'note'], rows)
  const outDir = path.join(ROOT, 'bench/results')
  mkdirSync(outDir, { recursive: true })
  writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`)
  log(`figures written to bench/results/latest.json`)
}

/**
 * Posts from 20,000 readers, each once (so the per-reader rate limit never answers instead), and
 * checks that every comment acknowledged with a 201 is stored exactly once.
 */
async function benchPosting(db: Parameters<typeof seedReaders>[0], base: string) {
  const readers = await seedReaders(db, SITE, 20_000)
  const secret = new TextEncoder().encode(SECRET)
  const tokens = await Promise.all(readers.map((readerId) => signReaderToken(secret, { readerId, siteId: SITE })))
  const acknowledged: string[] = []
  let next = 0
  const result = await load({
    url: `${base}/threads/hot/comments`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const i = next++ % tokens.length
          request.headers = { ...request.headers, authorization: `Bearer ${tokens[i]}`, 'idempotency-key': `bench-${i}-${next}` }
          request.body = JSON.stringify({ body: `Avis numéro ${next} : la ligne devrait aussi desservir le quartier ${i % 97}, c’est essentiel pour les habitants.` })
          return request
        },
        onResponse: (status, body) => {
          if (status === 201) acknowledged.push((JSON.parse(body) as { comment: { id: string } }).comment.id)
        },
      },
    ],
  })
  const found = acknowledged.length
    ? await sql<{ id: string }>`select id from comment where id = any(${`{${acknowledged.join(',')}}`}::bigint[])`.execute(db)
    : { rows: [] }
  const stored = await sql<{ n: string }>`select count(*) n from comment c join thread t on t.id = c.thread_id
                                          where t.article = 'hot'`.execute(db)
  const duplicates = await sql<{ n: string }>`select count(*) n from (select author_id, body from comment c join thread t on t.id = c.thread_id
                                              where t.article = 'hot' group by 1, 2 having count(*) > 1) d`.execute(db)
  return {
    load: result,
    acknowledged: acknowledged.length,
    acknowledgedStored: new Set(found.rows.map((r) => String(r.id))).size,
    storedInThread: Number(stored.rows[0]!.n),
    duplicates: Number(duplicates.rows[0]!.n),
  }
}

/** The moderation-queue and rules benches, when their modules are present. */
async function optionalBenches(databaseUrl: string) {
  const rows: string[][] = []
  const results: Record<string, unknown> = {}
  try {
    const { runQueueBench } = await import('./moderation-queue.bench.ts')
    log('moderation queue with 1,000,000 comments stored…')
    const queue = await runQueueBench(databaseUrl)
    results.queue = queue
    rows.push(['moderation queue first page (1M comments, 2 % pending)', '', `${queue.firstPageMs.median}`, `${queue.firstPageMs.p99}`, '', `counts ${queue.countsMs.median} ms median`])
  } catch (err) {
    log(`queue bench unavailable: ${(err as Error).message}`)
  }
  try {
    const { runRulesBench } = await import('./rules.bench.ts')
    const rules = await runRulesBench()
    results.rules = rules
    rows.push([`rules per 2,000-char comment (${rules.n}, adversarial incl.)`, '', `${(rules.median / 1000).toFixed(3)}`, `${(rules.p99 / 1000).toFixed(3)}`, '', `worst ${(rules.worst / 1000).toFixed(3)} ms`])
  } catch (err) {
    log(`rules bench unavailable: ${(err as Error).message}`)
  }
  return { rows, results }
}

/** An opaque cursor positioned after the `offset`-th newest comment (bench set-up only). */
async function cursorAt(db: Parameters<typeof seedThread>[0], article: string, offset: number): Promise<string> {
  const row = await sql<{ id: string; t: string }>`
    select c.id, to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') t
    from comment c join thread th on th.id = c.thread_id
    where th.site_id = ${SITE} and th.article = ${article} and c.parent_id is null
    order by c.created_at desc, c.id desc offset ${offset} limit 1`.execute(db)
  const r = row.rows[0]!
  return encodeCursor({ k: 'newest', t: r.t, i: String(r.id), l: 0 })
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

const fmt = (n: number) => n.toLocaleString('en-US')
const ratio = (r: LoadResult, baseline: LoadResult) => `${(r.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)} × baseline`
const log = (line: string) => console.log(`[bench] ${line}`)

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`)
  for (const row of rows) console.log(line(row))
  console.log('')
}
