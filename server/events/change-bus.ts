import { sql, type Kysely, type Transaction } from 'kysely'
import type { DatabaseHandle } from '../db/client.ts'
import type { Database } from '../db/schema.ts'
import type { Executor } from '../sites/sites.repository.ts'

/** Something changed that other instances (their caches, their live streams) must hear about. */
export type ChangeEvent =
  | {
      type: 'comment'
      /** `new` published, `edited`, `removed` (deleted, rejected, hidden), `updated` (counts). */
      kind: 'new' | 'edited' | 'removed' | 'updated'
      site: string
      article: string
      commentId: string
    }
  | { type: 'thread'; site: string; article: string }
  | { type: 'site'; site: string }

const CHANNEL = 'palabre_changes'
/** PostgreSQL refuses NOTIFY payloads from 8,000 bytes; batches stay well below. */
const MAX_PAYLOAD = 7_000

/**
 * Change notifications through PostgreSQL's LISTEN/NOTIFY, so every instance on one database hears
 * every change.
 *
 * Changes published inside `transaction()` are announced once it has committed: this instance's
 * caches hear them before the writer answers (so the writer's next read is fresh), and the NOTIFY
 * goes out on its own, batched with others. Sending NOTIFY inside the writing transaction would be
 * simpler, but PostgreSQL serializes the commits of notifying transactions, fsync included, which
 * caps posting at one commit at a time.
 */
export class ChangeBus {
  private readonly listeners = new Set<(event: ChangeEvent) => void>()
  private readonly publishListeners = new Set<(event: ChangeEvent) => void>()
  private readonly pending = new WeakMap<object, ChangeEvent[]>()
  private outbox: ChangeEvent[] = []
  private flushing: Promise<void> | undefined
  private unsubscribe: (() => Promise<void>) | undefined

  constructor(private readonly handle: DatabaseHandle) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.handle.listen(CHANNEL, (payload) => {
      let events: ChangeEvent[]
      try {
        const parsed = JSON.parse(payload) as ChangeEvent | ChangeEvent[]
        events = Array.isArray(parsed) ? parsed : [parsed]
      } catch {
        return // not ours: another program on the same channel
      }
      for (const event of events) for (const listener of this.listeners) listener(event)
    })
  }

  async stop(): Promise<void> {
    await this.flushing
    await this.unsubscribe?.()
    this.listeners.clear()
    this.publishListeners.clear()
  }

  /** Runs `work` in one transaction, then announces the changes it published, once committed. */
  async transaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const events: ChangeEvent[] = []
    const result = await db.transaction().execute(async (trx) => {
      this.pending.set(trx, events)
      return work(trx)
    })
    this.announce(events)
    return result
  }

  /**
   * Announces a change: after the commit when `db` is a transaction opened by `transaction()`, at
   * once otherwise (a change made outside any transaction has already happened).
   */
  async publish(db: Executor, event: ChangeEvent): Promise<void> {
    const events = this.pending.get(db)
    if (events) events.push(event)
    else this.announce([event])
  }

  /** Registers a listener for committed changes from every instance; returns its removal. */
  on(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Registers a listener for this instance's own changes, heard as soon as they commit. */
  onPublish(listener: (event: ChangeEvent) => void): () => void {
    this.publishListeners.add(listener)
    return () => this.publishListeners.delete(listener)
  }

  /** Waits until every change announced so far has been sent to the other instances. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing
  }

  private announce(events: ChangeEvent[]): void {
    if (events.length === 0) return
    for (const event of events) for (const listener of this.publishListeners) listener(event)
    this.outbox.push(...events)
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined))
  }

  /** Sends the outbox as few NOTIFYs as possible; what arrives meanwhile goes in the next round. */
  private async flush(): Promise<void> {
    while (this.outbox.length > 0) {
      const batch = this.outbox
      this.outbox = []
      for (const payload of payloads(batch)) {
        try {
          await sql`select pg_notify(${CHANNEL}, ${payload})`.execute(this.handle.db)
        } catch (err) {
          // Other instances' caches then expire on their own (seconds); the change itself is stored.
          console.error('[palabre] could not announce a change:', (err as Error).message)
        }
      }
    }
  }
}

/** JSON arrays of events, each under PostgreSQL's payload limit. */
function payloads(events: ChangeEvent[]): string[] {
  const out: string[] = []
  let current: string[] = []
  let size = 2
  for (const event of events) {
    const json = JSON.stringify(event)
    if (current.length > 0 && size + json.length + 1 > MAX_PAYLOAD) {
      out.push(`[${current.join(',')}]`)
      current = []
      size = 2
    }
    current.push(json)
    size += json.length + 1
  }
  if (current.length > 0) out.push(`[${current.join(',')}]`)
  return out
}
