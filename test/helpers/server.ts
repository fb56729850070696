import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startPalabre, type RunningPalabre, type StartOptions } from '../../server/start.ts'
import { createEmptyDatabase } from './db.ts'

export interface TestServer extends RunningPalabre {
  stop(): Promise<void>
}

/**
 * The real server on a free port, with the demo site and pages, over a database of its own (a new
 * database on DATABASE_URL's server, else an embedded PGlite in a temporary folder).
 */
export async function startTestServer(options: Partial<StartOptions> = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'palabre-test-'))
  const database = process.env.DATABASE_URL ? await createEmptyDatabase() : undefined
  const running = await startPalabre({
    port: 0,
    host: '127.0.0.1',
    demo: true,
    secondOriginPort: 0,
    dataDir,
    databaseUrl: database?.url,
    secret: 'test-secret-test-secret-test-secret!',
    limits: { guestsPerHour: 100_000 },
    ...options,
  })
  return {
    ...running,
    async stop() {
      await running.close()
      await database?.drop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
