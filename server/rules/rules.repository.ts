import { sql } from 'kysely'
import type { SanctionRow } from '../db/schema.ts'
import type { Executor } from '../sites/sites.repository.ts'

/** Sanctions in force for a reader: not lifted, and not past their end date. */
export function activeSanctions(db: Executor, readerId: string, now: Date): Promise<SanctionRow[]> {
  return db
    .selectFrom('sanction')
    .selectAll()
    .where('reader_id', '=', readerId)
    .where('lifted_at', 'is', null)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
    .execute()
}

/** How many comments the author stored since `since`, and when the latest was. */
export async function recentActivity(db: Executor, readerId: string, since: Date) {
  const row = await db
    .selectFrom('comment')
    .select([sql<string>`count(*)`.as('count'), sql<Date | null>`min(created_at)`.as('oldest')])
    .where('author_id', '=', readerId)
    .where('created_at', '>', since)
    .where('status', '!=', 'rejected')
    .executeTakeFirstOrThrow()
  return { count: Number(row.count), oldest: row.oldest ? new Date(row.oldest) : null }
}

export async function totalComments(db: Executor, readerId: string): Promise<number> {
  const row = await db
    .selectFrom('comment')
    .select(sql<string>`count(*)`.as('count'))
    .where('author_id', '=', readerId)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Moderator decisions on the author's comments since `since`: how many approved, how many rejected. */
export async function decidedSince(db: Executor, readerId: string, since: Date) {
  const row = await db
    .selectFrom('comment')
    .select([
      sql<string>`count(*) filter (where status = 'rejected')`.as('rejected'),
      sql<string>`count(*)`.as('decided'),
    ])
    .where('author_id', '=', readerId)
    .where('decided_at', '>', since)
    .executeTakeFirstOrThrow()
  return { rejected: Number(row.rejected), decided: Number(row.decided) }
}

/**
 * A comment with the same normalized text: by the author within the window (not the one being
 * edited), or anyone's that a moderator rejected.
 */
export async function findDuplicate(
  db: Executor,
  q: { siteId: string; authorId: string; hash: string; since: Date; excludeId?: string | undefined },
): Promise<'own' | 'rejected' | undefined> {
  const rows = await db
    .selectFrom('comment')
    .select(['author_id', 'status', 'created_at', 'decided_by', 'id'])
    .where('site_id', '=', q.siteId)
    .where('normalized_hash', '=', q.hash)
    .$if(!!q.excludeId, (qb) => qb.where('id', '!=', q.excludeId!))
    .limit(50)
    .execute()
  if (rows.some((r) => r.status === 'rejected' && r.decided_by !== null)) return 'rejected'
  const own = rows.some(
    (r) => r.author_id === q.authorId && r.status !== 'rejected' && r.status !== 'deleted' && r.created_at > q.since,
  )
  return own ? 'own' : undefined
}
