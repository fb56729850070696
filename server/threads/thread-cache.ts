import { createHash } from 'node:crypto'
import type { ChangeBus, ChangeEvent } from '../events/change-bus.ts'

/** A first page as every anonymous reader sees it, serialized once. */
export interface CachedPage<T> {
  value: T
  /** The JSON, encoded once: sending it costs no serialization and no encoding. */
  bytes: Uint8Array
  etag: string
}

interface Entry<T> extends CachedPage<T> {
  storedAt: number
}

/**
 * The first pages of threads, per sort and size, kept in this process. Every change to a thread
 * (post, edit, delete, decision, a report that hides) drops its pages here at once and in every other
 * instance through LISTEN/NOTIFY; like counts, which do not announce themselves, may lag by `ttlMs`.
 *
 * A generation per thread guards the race where a read that began before a change would store its
 * older result after the change was announced.
 */
export class ThreadPageCache<T> {
  /** Five seconds: the lag allowed for like counts, short enough for a CDN to hold pages too. */
  static readonly DEFAULT_TTL_MS = 5_000

  private readonly entries = new Map<string, Entry<T>>()
  private readonly generations = new Map<string, number>()

  constructor(
    /** The part of a value that is sent: its JSON is what every anonymous reader receives. */
    private readonly visible: (value: T) => unknown,
    private readonly options: { ttlMs: number; maxEntries: number } = { ttlMs: ThreadPageCache.DEFAULT_TTL_MS, maxEntries: 5_000 },
  ) {}

  /** Drops a thread's pages whenever the change bus reports a change to it, here or elsewhere. */
  attach(changes: ChangeBus): () => void {
    const onChange = (event: ChangeEvent) => {
      if (event.type === 'site') this.clear()
      else this.invalidate(event.site, event.article)
    }
    const offLocal = changes.onPublish(onChange)
    const offRemote = changes.on(onChange)
    return () => {
      offLocal()
      offRemote()
    }
  }

  /** The thread's generation now: pass it back to `store`. */
  generation(site: string, article: string): number {
    return this.generations.get(threadKey(site, article)) ?? 0
  }

  get(site: string, article: string, variant: string): CachedPage<T> | undefined {
    const key = `${threadKey(site, article)}\u0000${variant}`
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (Date.now() - entry.storedAt > this.options.ttlMs) {
      this.entries.delete(key)
      return undefined
    }
    // Map order is insertion order: re-inserting marks it recently used.
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry
  }

  /** Stores a page read at `generation`, unless the thread changed meanwhile. */
  store(site: string, article: string, variant: string, generation: number, value: T): CachedPage<T> {
    const json = JSON.stringify(this.visible(value))
    const cached = { value, bytes: Buffer.from(json), etag: etagOf(json) }
    if (this.options.ttlMs <= 0 || this.generation(site, article) !== generation) return cached
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    this.entries.set(`${threadKey(site, article)}\u0000${variant}`, { ...cached, storedAt: Date.now() })
    return cached
  }

  invalidate(site: string, article: string): void {
    const key = threadKey(site, article)
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1)
    if (this.generations.size > 100_000) this.generations.clear()
    const prefix = `${key}\u0000`
    for (const entryKey of this.entries.keys()) if (entryKey.startsWith(prefix)) this.entries.delete(entryKey)
  }

  clear(): void {
    for (const key of this.generations.keys()) this.generations.set(key, this.generations.get(key)! + 1)
    this.entries.clear()
  }
}

function threadKey(site: string, article: string): string {
  return `${site}\u0000${article}`
}

/** A weak ETag from the serialized page: equal bytes, equal tag. */
export function etagOf(json: string): string {
  return `W/"${createHash('sha1').update(json).digest('base64url').slice(0, 22)}"`
}
