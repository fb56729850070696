import { mkdirSync } from 'node:fs'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.ts'
import { PGliteDialect } from './pglite-dialect.ts'

/** An open database, whichever driver is behind it, with PostgreSQL's LISTEN/NOTIFY. */
export interface DatabaseHandle {
  db: Kysely<Database>
  kind: 'pg' | 'pglite'
  /** Calls `onPayload` for every NOTIFY on `channel` (from any instance); resolves to an unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  /** `postgres://…`: use a PostgreSQL server through `pg`. */
  databaseUrl?: string
  /** Where the embedded PostgreSQL keeps its files; `memory://` keeps nothing. */
  dataDir?: string
  poolSize?: number
}

/**
 * Connections per instance. Posting holds one for a short transaction that waits on the disk at
 * commit, so more connections than cores keep the CPU busy; PostgreSQL's default allows 100 in all.
 */
export const DEFAULT_POOL_SIZE = 20

/** Opens PostgreSQL through `pg` when a URL is given, else the embedded PGlite under `dataDir`. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? DEFAULT_POOL_SIZE)
  return openPGlite(options.dataDir ?? './.palabre/db')
}

async function openPostgres(connectionString: string, max: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5000 })
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', (err) => console.error('[palabre] database connection lost:', err.message))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const listeners = new PostgresListeners(connectionString)
  return {
    db,
    kind: 'pg',
    listen: (channel, onPayload) => listeners.listen(channel, onPayload),
    async close() {
      await listeners.close()
      await db.destroy()
    },
  }
}

async function openPGlite(dataDir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite')
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  // bigint as string, as `pg` returns it: ids are strings in JSON anyway.
  const pglite = await PGlite.create(dataDir, { parsers: { 20: (value: string) => value } })
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
  return {
    db,
    kind: 'pglite',
    async listen(channel, onPayload) {
      const unsubscribe = await pglite.listen(channel, onPayload)
      return () => unsubscribe()
    },
    async close() {
      await db.destroy()
      await pglite.close()
    },
  }
}

/** One dedicated connection for LISTEN, re-established (and re-subscribed) when it drops. */
class PostgresListeners {
  private client: pg.Client | undefined
  private connecting: Promise<pg.Client> | undefined
  private readonly handlers = new Map<string, Set<(payload: string) => void>>()
  private closed = false

  constructor(private readonly connectionString: string) {}

  async listen(channel: string, onPayload: (payload: string) => void) {
    let set = this.handlers.get(channel)
    if (!set) {
      set = new Set()
      this.handlers.set(channel, set)
      const client = await this.connect()
      await client.query(`listen ${pg.escapeIdentifier(channel)}`)
    }
    set.add(onPayload)
    return async () => {
      set.delete(onPayload)
    }
  }

  async close() {
    this.closed = true
    const client = this.client
    this.client = undefined
    await client?.end().catch(() => undefined)
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client)
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString })
      client.on('notification', (msg) => {
        for (const handler of this.handlers.get(msg.channel) ?? []) handler(msg.payload ?? '')
      })
      client.on('error', (err) => {
        console.error('[palabre] listen connection lost:', err.message)
        this.client = undefined
        void client.end().catch(() => undefined)
        if (!this.closed) setTimeout(() => void this.resubscribe(), 1000)
      })
      await client.connect()
      this.client = client
      return client
    })().finally(() => (this.connecting = undefined))
    return this.connecting
  }

  private async resubscribe() {
    if (this.closed) return
    try {
      const client = await this.connect()
      for (const channel of this.handlers.keys()) {
        await client.query(`listen ${pg.escapeIdentifier(channel)}`)
      }
    } catch (err) {
      console.error('[palabre] could not listen again:', (err as Error).message)
      setTimeout(() => void this.resubscribe(), 2000)
    }
  }
}
