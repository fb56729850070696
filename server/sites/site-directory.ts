import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { findSite, listSites, type Executor } from './sites.repository.ts'
import { toSite, type Site } from './site.ts'

/**
 * Sites are read on nearly every request and change rarely, so each instance keeps them in memory.
 * A change anywhere is announced through LISTEN/NOTIFY (`invalidate`); a short lifetime bounds the
 * staleness even if a notification were missed while reconnecting.
 */
export class SiteDirectory {
  private readonly cache = new Map<string, { site: Site | undefined; at: number }>()
  private allOrigins: { origins: Set<string>; at: number } | undefined

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 30_000,
  ) {}

  /**
   * The site, or undefined when there is none with that id. Inside a transaction pass it as `db`:
   * a second connection taken while one is held can exhaust a pool (and deadlocks PGlite).
   */
  async get(id: string, db: Executor = this.db): Promise<Site | undefined> {
    const hit = this.cache.get(id)
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.site
    const row = await findSite(db, id)
    const site = row ? toSite(row) : undefined
    if (this.cache.size > 10_000) this.cache.clear()
    this.cache.set(id, { site, at: Date.now() })
    return site
  }

  /** Every origin some site allows: used for CORS preflights that name no site. */
  async anyAllows(origin: string): Promise<boolean> {
    if (!this.allOrigins || Date.now() - this.allOrigins.at > this.ttlMs) {
      const sites = (await listSites(this.db)).map(toSite)
      this.allOrigins = { origins: new Set(sites.flatMap((s) => s.allowedOrigins)), at: Date.now() }
    }
    return this.allOrigins.origins.has(origin)
  }

  /** Forgets one site (or all), after a change made here or announced by another instance. */
  invalidate(id?: string): void {
    if (id) this.cache.delete(id)
    else this.cache.clear()
    this.allOrigins = undefined
  }
}
