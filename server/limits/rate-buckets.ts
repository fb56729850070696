import { sql } from 'kysely'
import { rateLimited } from '../http/errors.ts'
import type { Executor } from '../sites/sites.repository.ts'

/**
 * Fixed-window counters in PostgreSQL, shared by every instance: one upsert per hit. Used for what
 * has no natural table to count in (logins, reports, guest identities).
 */
export async function hitRateLimit(
  db: Executor,
  limit: { key: string; max: number; windowSeconds: number; now: Date },
): Promise<void> {
  const windowMs = limit.windowSeconds * 1000
  const start = new Date(Math.floor(limit.now.getTime() / windowMs) * windowMs)
  const row = await db
    .insertInto('rate_bucket')
    .values({ key: limit.key, window_start: start, count: 1 })
    .onConflict((oc) =>
      oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_bucket.count + 1` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow()
  if (row.count > limit.max) {
    throw rateLimited((start.getTime() + windowMs - limit.now.getTime()) / 1000)
  }
}

/** Drops windows that ended long ago; called now and then, not on every hit. */
export async function pruneRateBuckets(db: Executor, now: Date): Promise<void> {
  await db
    .deleteFrom('rate_bucket')
    .where('window_start', '<', new Date(now.getTime() - 2 * 86_400_000))
    .execute()
}
