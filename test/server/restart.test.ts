import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startPalabre } from '../../server/start.ts'
import { insertSite } from '../../server/sites/sites.repository.ts'
import { createEmptyDatabase, hasServer } from '../helpers/db.ts'

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

/** Starts, posts through real HTTP, stops, starts again on the same storage and reads it back. */
async function survivesRestart(storage: { dataDir: string; databaseUrl?: string }) {
  const options = { port: 0, host: '127.0.0.1', secret: 'restart-secret-restart-secret-000000', ...storage }
  const first = await startPalabre(options)
  await insertSite(first.deps.db, { id: 'paper', name: 'Paper', allowedOrigins: ['https://paper.example'] })
  const guest = await fetch(`${first.url}/api/v1/sites/paper/readers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Persistante' }),
  }).then((r) => r.json() as Promise<{ token: string }>)
  const posted = await fetch(`${first.url}/api/v1/sites/paper/threads/durable/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${guest.token}` },
    body: JSON.stringify({ body: 'Toujours là après un redémarrage' }),
  })
  expect(posted.status).toBe(201)
  await first.close()

  const second = await startPalabre(options)
  try {
    const thread = await fetch(`${second.url}/api/v1/sites/paper/threads/durable`).then((r) => r.json() as Promise<any>)
    expect(thread.comments.map((c: { body: string }) => c.body)).toEqual(['Toujours là après un redémarrage'])
    // The reader's token still works: the generated or given secret is the same after a restart.
    const again = await fetch(`${second.url}/api/v1/sites/paper/threads/durable`, { headers: { authorization: `Bearer ${guest.token}` } })
    expect(again.status).toBe(200)
  } finally {
    await second.close()
  }
}

describe('a comment posted before a restart is there after it', () => {
  it('on the embedded database', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'palabre-restart-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    await survivesRestart({ dataDir })
  })

  it.runIf(hasServer)('on PostgreSQL (DATABASE_URL)', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'palabre-restart-'))
    const database = await createEmptyDatabase()
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }), database.drop)
    await survivesRestart({ dataDir, databaseUrl: database.url })
  })
})
