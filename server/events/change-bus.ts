import { sql } from 'kysely'
import type { DatabaseHandle } from '../db/client.ts'
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

/**
 * Change notifications through PostgreSQL's LISTEN/NOTIFY, so every instance on one database hears
 * every change. `publish` runs inside the caller's transaction: PostgreSQL delivers the notification
 * only if, and when, that transaction commits.
 */
export class ChangeBus {
  private readonly listeners = new Set<(event: ChangeEvent) => void>()
  private readonly publishListeners = new Set<(event: ChangeEvent) => void>()
  private unsubscribe: (() => Promise<void>) | undefined

  constructor(private readonly handle: DatabaseHandle) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.handle.listen(CHANNEL, (payload) => {
      let event: ChangeEvent
      try {
        event = JSON.parse(payload) as ChangeEvent
      } catch {
        return // not ours: another program on the same channel
      }
      for (const listener of this.listeners) listener(event)
    })
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.()
    this.listeners.clear()
    this.publishListeners.clear()
  }

  /**
   * Announces a change, delivered to all instances when `db`'s transaction commits. This instance's
   * `onPublish` listeners hear it at once, so a cache here is dropped before the writer answers and
   * the writer's very next read cannot be served from it.
   */
  async publish(db: Executor, event: ChangeEvent): Promise<void> {
    await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(event)})`.execute(db)
    for (const listener of this.publishListeners) listener(event)
  }

  /** Registers a listener for committed changes from every instance; returns its removal. */
  on(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Registers a listener for changes published by this instance, before they commit. */
  onPublish(listener: (event: ChangeEvent) => void): () => void {
    this.publishListeners.add(listener)
    return () => this.publishListeners.delete(listener)
  }
}
