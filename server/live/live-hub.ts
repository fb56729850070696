import type { Kysely } from 'kysely'
import { toApiComment, type ApiComment } from '../comments/comment.mapper.ts'
import type { Database } from '../db/schema.ts'
import type { ChangeBus, ChangeEvent } from '../events/change-bus.ts'
import { selectComments } from '../threads/threads.repository.ts'

/** What a live reader receives: a comment to show, or the id of one to withdraw. */
export type LiveMessage =
  | { event: 'comment.new' | 'comment.edited'; data: { comment: ApiComment } }
  | { event: 'comment.removed'; data: { id: string } }

type Subscriber = (message: LiveMessage) => void

/**
 * Fans committed changes out to the readers connected to this instance. Changes arrive through
 * LISTEN/NOTIFY from whichever instance made them; each is loaded once per event, whatever the
 * number of readers, and checked again so only published comments are ever sent.
 */
export class LiveHub {
  private readonly threads = new Map<string, Set<Subscriber>>()
  private connections = 0

  constructor(
    private readonly db: Kysely<Database>,
    readonly maxConnections: number,
  ) {}

  attach(changes: ChangeBus): () => void {
    return changes.on((event) => void this.dispatch(event))
  }

  get size(): number {
    return this.connections
  }

  /** Subscribes to a thread; undefined when this instance already holds its maximum of streams. */
  subscribe(site: string, article: string, subscriber: Subscriber): (() => void) | undefined {
    if (this.connections >= this.maxConnections) return undefined
    const key = `${site}\u0000${article}`
    let set = this.threads.get(key)
    if (!set) this.threads.set(key, (set = new Set()))
    set.add(subscriber)
    this.connections++
    let done = false
    return () => {
      if (done) return
      done = true
      this.connections--
      set.delete(subscriber)
      if (set.size === 0) this.threads.delete(key)
    }
  }

  private async dispatch(event: ChangeEvent): Promise<void> {
    if (event.type !== 'comment') return
    const subscribers = this.threads.get(`${event.site}\u0000${event.article}`)
    if (!subscribers?.size) return
    let message: LiveMessage
    try {
      message = await this.messageFor(event)
    } catch (err) {
      console.error('[palabre] live update failed:', (err as Error).message)
      return
    }
    for (const subscriber of subscribers) subscriber(message)
  }

  private async messageFor(event: Extract<ChangeEvent, { type: 'comment' }>): Promise<LiveMessage> {
    const removed: LiveMessage = { event: 'comment.removed', data: { id: event.commentId } }
    if (event.kind === 'removed') return removed
    const row = await selectComments(this.db).where('c.id', '=', event.commentId).executeTakeFirst()
    // Re-checked at send time: a comment held or rejected since the event is never broadcast.
    if (!row || row.status !== 'published') return removed
    return { event: event.kind === 'new' ? 'comment.new' : 'comment.edited', data: { comment: toApiComment(row) } }
  }
}
