import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type DatabaseHandle } from '../../server/db/client.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'

export interface TestDatabase {
  handle: DatabaseHandle
  /** The URL of this test's own database on the server, when there is a server. */
  url: string | undefined
  destroy(): Promise<void>
}

/** True when the suite runs against a real PostgreSQL server (DATABASE_URL), as CI does. */
export const hasServer = !!process.env.DATABASE_URL

/**
 * A fresh, migrated database owned by the caller: on the PostgreSQL server of DATABASE_URL a new
 * database with a unique name (dropped by `destroy`), else an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) {
    const handle = await openDatabase({ dataDir: 'memory://' })
    await migrateToLatest(handle.db)
    return { handle, url: undefined, destroy: () => handle.close() }
  }
  const name = `palabre_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await admin(serverUrl, `create database ${name}`)
  const url = withDatabase(serverUrl, name)
  const handle = await openDatabase({ databaseUrl: url, poolSize: 5 })
  await migrateToLatest(handle.db)
  return {
    handle,
    url,
    async destroy() {
      await handle.close()
      await admin(serverUrl, `drop database if exists ${name} with (force)`)
    },
  }
}

/** A database URL with its database name replaced. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.href
}

/** Creates an empty database on the server (for a process that migrates it itself). */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) throw new Error('createEmptyDatabase needs DATABASE_URL')
  const name = `palabre_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await admin(serverUrl, `create database ${name}`)
  return {
    url: withDatabase(serverUrl, name),
    drop: () => admin(serverUrl, `drop database if exists ${name} with (force)`),
  }
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
