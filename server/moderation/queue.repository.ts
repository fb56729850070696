import { sql, type SqlBool } from 'kysely'
import type { CursorPosition } from '../comments/cursor.ts'
import type { Executor } from '../sites/sites.repository.ts'

/** The queues of SPEC §6. */
export const QUEUES = ['pending', 'reported', 'approved', 'rejected', 'all'] as const
export type QueueName = (typeof QUEUES)[number]

const KEY_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`

/** Work queues are served urgent first, then oldest; history queues (decided, all) newest first. */
export function isWorkQueue(queue: QueueName): boolean {
  return queue === 'pending' || queue === 'reported'
}

/**
 * One page of a queue with each item's thread, author and parent, in one query. Each queue reads
 * its own partial index in order (comment_pending_queue_idx, comment_reported_queue_idx,
 * comment_decided_idx, comment_site_recent_idx), so the first page costs the same at any size.
 */
export function queuePage(
  db: Executor,
  q: { sites: string[] | undefined; queue: QueueName; after: CursorPosition | undefined; limit: number },
) {
  const decided = q.queue === 'approved' || q.queue === 'rejected'
  const keyColumn = decided ? sql.ref('c.decided_at') : sql.ref('c.created_at')
  let query = db
    .selectFrom('comment as c')
    .innerJoin('thread as t', 't.id', 'c.thread_id')
    .innerJoin('reader as r', 'r.id', 'c.author_id')
    .leftJoin('comment as p', 'p.id', 'c.parent_id')
    .leftJoin('reader as pr', 'pr.id', 'p.author_id')
    .leftJoin('account as d', 'd.id', 'c.decided_by')
    .select([
      'c.id', 'c.site_id', 'c.body', 'c.status', 'c.priority', 'c.flagged', 'c.rule_matches',
      'c.report_score', 'c.report_count', 'c.created_at', 'c.edited_at', 'c.decided_at',
      'c.decision_reason', 'c.parent_id', 'c.author_id', 'd.name as decided_by_name',
      't.article', 't.title', 't.url',
      'r.name as author_name', 'r.kind as author_kind', 'r.created_at as author_created_at',
      'r.approved_count', 'r.rejected_count', 'r.premod',
      sql<string | null>`left(p.body, 280)`.as('parent_excerpt'),
      'p.status as parent_status',
      'pr.name as parent_author',
      sql<string>`to_char(${keyColumn} at time zone 'UTC', ${sql.raw(KEY_FORMAT)})`.as('sort_key'),
    ])
    .$if(q.sites !== undefined, (qb) => qb.where('c.site_id', 'in', q.sites!.length ? q.sites! : ['']))

  if (q.queue === 'pending') query = query.where('c.status', '=', 'pending')
  if (q.queue === 'reported') query = query.where('c.flagged', '=', true).where('c.status', '=', 'published')
  if (q.queue === 'approved') query = query.where('c.status', '=', 'published').where('c.decided_at', 'is not', null)
  if (q.queue === 'rejected') query = query.where('c.status', '=', 'rejected').where('c.decided_at', 'is not', null)
  if (q.queue === 'all') query = query.where('c.status', 'in', ['published', 'pending', 'rejected'])

  const after = q.after
  if (isWorkQueue(q.queue)) {
    if (after) {
      const p = after.p ?? 0
      query = query.where(
        sql<SqlBool>`(c.priority < ${p} or (c.priority = ${p} and (c.created_at, c.id) > (${after.t}::timestamptz, ${after.i}::bigint)))`,
      )
    }
    return query.orderBy('c.priority', 'desc').orderBy('c.created_at').orderBy('c.id').limit(q.limit).execute()
  }
  if (after) {
    query = query.where(sql<SqlBool>`(${keyColumn}, c.id) < (${after.t}::timestamptz, ${after.i}::bigint)`)
  }
  return query.orderBy(keyColumn, 'desc').orderBy('c.id', 'desc').limit(q.limit).execute()
}

export type QueueRow = Awaited<ReturnType<typeof queuePage>>[number]

/**
 * How many items wait in each work queue, from the counters the `comment_queue_count` trigger keeps
 * (8 shards per site and queue): a few primary-key reads instead of counting 20,000 index entries.
 */
export async function queueCounts(db: Executor, sites: string[] | undefined) {
  // Raw SQL: the counter table is the trigger's, not part of the app's `Database` interface.
  const inSites = sites === undefined ? sql`true` : sql`site_id = any(${sites}::text[])`
  const { rows } = await sql<{ queue: string; n: string }>`
    select queue, sum(n) as n from moderation_queue_count where ${inSites} group by queue
  `.execute(db)
  const count = (queue: string) => Number(rows.find((r) => r.queue === queue)?.n ?? 0)
  return { pending: count('pending'), reported: count('reported') }
}

/** The reports on these comments, oldest first. */
export function reportsOf(db: Executor, commentIds: string[]) {
  if (commentIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('report')
    .select(['id', 'comment_id', 'reason', 'note', 'weight', 'created_at'])
    .where('comment_id', 'in', commentIds)
    .orderBy('comment_id')
    .orderBy('id')
    .execute()
}

/** Sanctions in force for these readers (sanction_active_idx). */
export function activeSanctionsOf(db: Executor, readerIds: string[], now: Date) {
  if (readerIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('sanction')
    .select(['id', 'reader_id', 'kind', 'until', 'reason', 'created_at'])
    .where('reader_id', 'in', readerIds)
    .where('lifted_at', 'is', null)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
    .orderBy('id')
    .execute()
}
