import { sql, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { Database, ThreadRow } from '../db/schema.ts'
import type { Executor } from '../sites/sites.repository.ts'
import type { CursorPosition } from '../comments/cursor.ts'

/** The sorts of a thread's top-level comments. */
export type ThreadSort = 'newest' | 'oldest' | 'top'

/** The published count: the thread's base plus its shards (see adjustPublishedCounts). */
const publishedCount = sql<number>`(thread.comment_count + coalesce((
  select sum(s.delta)::int from thread_count_shard s where s.thread_id = thread.id), 0))`

/** The thread of an article, its `comment_count` being the true published count. */
export function findThread(db: Executor, siteId: string, article: string): Promise<ThreadRow | undefined> {
  return db
    .selectFrom('thread')
    .select(['id', 'site_id', 'article', 'title', 'url', 'status', 'created_at'])
    .select(publishedCount.as('comment_count'))
    .where('site_id', '=', siteId)
    .where('article', '=', article)
    .executeTakeFirst()
}

/** The article a thread is about (change announcements name threads by article). */
export async function articleOfThread(db: Executor, threadId: string): Promise<string> {
  const row = await db.selectFrom('thread').select('article').where('id', '=', threadId).executeTakeFirstOrThrow()
  return row.article
}

/** The thread, created on first use; concurrent first posts agree on one row. */
export async function findOrCreateThread(
  db: Executor,
  thread: { siteId: string; article: string; title: string; url: string; now: Date },
): Promise<ThreadRow> {
  const inserted = await db
    .insertInto('thread')
    // The app's clock, not the database's: `closeAfterHours` compares it with the app's `now`.
    .values({ site_id: thread.siteId, article: thread.article, title: thread.title, url: thread.url, created_at: thread.now })
    .onConflict((oc) => oc.columns(['site_id', 'article']).doNothing())
    .returningAll()
    .executeTakeFirst()
  return inserted ?? (await findThread(db, thread.siteId, thread.article))!
}

export async function countsByArticle(
  db: Executor,
  siteId: string,
  articles: string[],
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('thread')
    .select(['article', publishedCount.as('comment_count')])
    .where('site_id', '=', siteId)
    .where('article', 'in', articles)
    .execute()
  return new Map(rows.map((r) => [r.article, r.comment_count]))
}

/** The columns a comment is shown with, its author's name, and the name it replies to. */
export function selectComments(db: Executor) {
  return db
    .selectFrom('comment as c')
    .innerJoin('reader as a', 'a.id', 'c.author_id')
    .leftJoin('comment as rt', 'rt.id', 'c.reply_to_id')
    .leftJoin('reader as ra', 'ra.id', 'rt.author_id')
    .select([
      'c.id',
      'c.thread_id',
      'c.parent_id',
      'c.reply_to_id',
      'c.depth',
      'c.author_id',
      'c.body',
      'c.status',
      'c.created_at',
      'c.edited_at',
      'c.like_count',
      'c.reply_count',
      'a.name as author_name',
      'a.kind as author_kind',
      'a.staff as author_staff',
      'ra.name as reply_to_name',
      sql<string>`to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
        'created_key',
      ),
    ])
}

export type CommentListRow = Awaited<ReturnType<ReturnType<typeof selectComments>['execute']>>[number]

/** Shown to everyone: published comments, and deleted ones kept as tombstones for their replies. */
function visible(eb: ExpressionBuilder<Database & { c: Database['comment'] }, 'c'>) {
  return eb.or([
    eb('c.status', '=', 'published'),
    eb.and([eb('c.status', '=', 'deleted'), eb('c.reply_count', '>', 0)]),
  ])
}

/** Top-level comments after a cursor, in the sort's keyset order, never OFFSET. */
function topLevelQuery(
  db: Executor,
  threadId: string,
  sort: ThreadSort,
  after: CursorPosition | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('comment as c')
    .where('c.thread_id', '=', threadId)
    .where('c.parent_id', 'is', null)
    .where(visible)
  if (after?.t) {
    const t = sql`${after.t}::timestamptz`
    const key = sql`(c.created_at, c.id)`
    const at = sql`(${t}, ${after.i}::bigint)`
    if (sort === 'newest') query = query.where(sql<SqlBool>`${key} < ${at}`)
    if (sort === 'oldest') query = query.where(sql<SqlBool>`${key} > ${at}`)
    if (sort === 'top') {
      query = query.where(
        sql<SqlBool>`(c.like_count < ${after.l ?? 0} or (c.like_count = ${after.l ?? 0} and ${key} < ${at}))`,
      )
    }
  }
  if (sort === 'top') query = query.orderBy('c.like_count', 'desc')
  const direction = sort === 'oldest' ? 'asc' : 'desc'
  return query.orderBy('c.created_at', direction).orderBy('c.id', direction).limit(limit)
}

/**
 * A page of top-level comments with the first `perParent` replies of each and of each reply, in one
 * statement: each level reads its parents' replies through the (parent_id, created_at, id) index
 * and stops early, so the cost is the same on page 1 and page 5,000 of any thread.
 */
export async function pageWithReplies(
  db: Executor,
  threadId: string,
  sort: ThreadSort,
  after: CursorPosition | undefined,
  limit: number,
  perParent: number,
): Promise<{ page: CommentListRow[]; replies: CommentListRow[] }> {
  const pageIds = topLevelQuery(db, threadId, sort, after, limit).select('c.id')
  const firstReplies = (parent: string) => sql`
    select r.id from comment r
     where r.parent_id = ${sql.ref(parent)}
       and (r.status = 'published' or (r.status = 'deleted' and r.reply_count > 0))
     order by r.created_at, r.id limit ${perParent}`
  const ids = sql<SqlBool>`c.id in (
    with page as (${pageIds}),
      level2 as (select x.id from page p cross join lateral (${firstReplies('p.id')}) x),
      level3 as (select x.id from level2 p cross join lateral (${firstReplies('p.id')}) x)
    select id from page union all select id from level2 union all select id from level3)`
  const rows = await selectComments(db).where(ids).execute()
  const page = rows.filter((r) => r.parent_id === null)
  const replies = rows.filter((r) => r.parent_id !== null).sort(byTime)
  return { page: sortPage(page, sort), replies }
}

/** Rows in the sort's order (a set read by id comes back in any order). */
function sortPage(list: CommentListRow[], sort: ThreadSort): CommentListRow[] {
  if (sort === 'oldest') return list.sort(byTime)
  if (sort === 'newest') return list.sort((a, b) => byTime(b, a))
  return list.sort((a, b) => b.like_count - a.like_count || byTime(b, a))
}

/** Oldest first: the exact timestamp text sorts like the time, then the id breaks ties. */
function byTime(a: CommentListRow, b: CommentListRow): number {
  if (a.created_key !== b.created_key) return a.created_key < b.created_key ? -1 : 1
  return BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0
}

/**
 * The first `perParent` replies (oldest first) of each of `parentIds`, in one query: a lateral join
 * reads each parent's replies through the (parent_id, created_at, id) index and stops early.
 */
export async function firstRepliesOf(
  db: Executor,
  parentIds: string[],
  perParent: number,
): Promise<CommentListRow[]> {
  if (parentIds.length === 0) return []
  const firstIds = db
    .selectFrom(sql<{ pid: string }>`(select unnest(${toBigintArray(parentIds)}::bigint[]) as pid)`.as('p'))
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('comment as c')
          .select('c.id')
          .whereRef('c.parent_id', '=', 'p.pid')
          .where(visible)
          .orderBy('c.created_at')
          .orderBy('c.id')
          .limit(perParent)
          .as('r'),
      (join) => join.onTrue(),
    )
    .select('r.id')
  return selectComments(db)
    .where('c.id', 'in', firstIds)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute()
}

/** A page of one comment's replies, oldest first, after a cursor. */
export function repliesPage(
  db: Executor,
  parentId: string,
  after: CursorPosition | undefined,
  limit: number,
): Promise<CommentListRow[]> {
  let query = selectComments(db).where('c.parent_id', '=', parentId).where(visible)
  if (after?.t) {
    query = query.where(sql<SqlBool>`(c.created_at, c.id) > (${after.t}::timestamptz, ${after.i}::bigint)`)
  }
  return query.orderBy('c.created_at').orderBy('c.id').limit(limit).execute()
}

/** The viewer's own comments awaiting review in a thread (few: posting is rate-limited). */
export function viewerPending(db: Executor, threadId: string, readerId: string): Promise<CommentListRow[]> {
  return selectComments(db)
    .where('c.thread_id', '=', threadId)
    .where('c.author_id', '=', readerId)
    .where('c.status', '=', 'pending')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(100)
    .execute()
}

/** Which of `commentIds` the viewer liked and reported, in one round trip. */
export async function viewerFlags(
  db: Executor,
  readerId: string,
  commentIds: string[],
): Promise<{ liked: Set<string>; reported: Set<string> }> {
  const liked = new Set<string>()
  const reported = new Set<string>()
  if (commentIds.length === 0) return { liked, reported }
  const rows = await db
    .selectFrom('comment_like')
    .select(['comment_id', sql<string>`'like'`.as('kind')])
    .where('reader_id', '=', readerId)
    .where('comment_id', 'in', commentIds)
    .unionAll(
      db
        .selectFrom('report')
        .select(['comment_id', sql<string>`'report'`.as('kind')])
        .where('reader_id', '=', readerId)
        .where('comment_id', 'in', commentIds),
    )
    .execute()
  for (const row of rows) (row.kind === 'like' ? liked : reported).add(String(row.comment_id))
  return { liked, reported }
}

/** A JS array as a PostgreSQL array literal, which both `pg` and PGlite accept as one parameter. */
function toBigintArray(ids: string[]): string {
  return `{${ids.filter((id) => /^\d+$/.test(id)).join(',')}}`
}
