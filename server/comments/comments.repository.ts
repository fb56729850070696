import { sql, type RawBuilder } from 'kysely'
import type { CommentRow, CommentStatus, NewComment } from '../db/schema.ts'
import type { Executor } from '../sites/sites.repository.ts'

/** A comment readers can see (and so reply to, like or report); undefined otherwise. */
export function findVisibleComment(db: Executor, id: string): Promise<CommentRow | undefined> {
  return db
    .selectFrom('comment')
    .selectAll()
    .where('id', '=', id)
    .where('status', 'in', ['published', 'deleted'])
    .executeTakeFirst()
}

/** Any comment by id, locked for the rest of the transaction when `lock` is set. */
export function findComment(db: Executor, id: string, lock = false): Promise<CommentRow | undefined> {
  const query = db.selectFrom('comment').selectAll().where('id', '=', id)
  return (lock ? query.forUpdate() : query).executeTakeFirst()
}

/**
 * Stores a new comment and its effects in one statement (one round trip inside the posting
 * transaction): the author's last-comment time and, when published, the thread's count shard and
 * the parent's reply count.
 */
export async function insertComment(
  db: Executor,
  comment: NewComment & { author_id: string; thread_id: string; parent_id: string | null },
  now: Date,
  /** One more statement reading `inserted`, committed with it (an Idempotency-Key's record). */
  alongside?: RawBuilder<unknown>,
): Promise<CommentRow> {
  const published = comment.status === 'published'
  const shard = Math.floor(Math.random() * COUNT_SHARDS)
  const result = await sql<CommentRow>`
    with inserted as (${db.insertInto('comment').values(comment).returningAll()}),
    touched as (update reader set last_comment_at = ${now} where id = ${comment.author_id} returning id),
    counted as (
      insert into thread_count_shard (thread_id, shard, delta)
      select ${comment.thread_id}, ${shard}, 1 where ${published}
      on conflict (thread_id, shard) do update set delta = thread_count_shard.delta + 1
      returning thread_id),
    replied as (
      update comment set reply_count = reply_count + 1
      where ${published} and id = ${comment.parent_id} returning id)
    ${alongside ? sql`, alongside as (${alongside} returning 1)` : sql``}
    select * from inserted`.execute(db)
  return result.rows[0]!
}

/** Shards of a thread's count; a random one takes each change, so concurrent posts rarely collide. */
const COUNT_SHARDS = 16

/**
 * Keeps the published counters right when a comment enters (+1) or leaves (-1) the published set:
 * the thread's comment count (in a shard) and the parent's reply count.
 */
export async function adjustPublishedCounts(
  db: Executor,
  comment: Pick<CommentRow, 'thread_id' | 'parent_id'>,
  delta: 1 | -1,
): Promise<void> {
  await db
    .insertInto('thread_count_shard')
    .values({ thread_id: comment.thread_id, shard: Math.floor(Math.random() * COUNT_SHARDS), delta })
    .onConflict((oc) =>
      oc.columns(['thread_id', 'shard']).doUpdateSet({ delta: sql`thread_count_shard.delta + ${delta}` }),
    )
    .execute()
  if (comment.parent_id) {
    await db
      .updateTable('comment')
      .set((eb) => ({ reply_count: eb('reply_count', '+', delta) }))
      .where('id', '=', comment.parent_id)
      .execute()
  }
}

export function setCommentStatus(
  db: Executor,
  id: string,
  status: CommentStatus,
  extra: { body?: string; flagged?: boolean } = {},
): Promise<CommentRow> {
  return db
    .updateTable('comment')
    .set({ status, ...extra })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Adds a like once per reader; true when it was new. */
export async function addLike(db: Executor, commentId: string, readerId: string): Promise<boolean> {
  const inserted = await db
    .insertInto('comment_like')
    .values({ comment_id: commentId, reader_id: readerId })
    .onConflict((oc) => oc.columns(['comment_id', 'reader_id']).doNothing())
    .returning('comment_id')
    .executeTakeFirst()
  if (inserted) await bumpLikes(db, commentId, 1)
  return !!inserted
}

/** Removes a reader's like; true when there was one. */
export async function removeLike(db: Executor, commentId: string, readerId: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('comment_like')
    .where('comment_id', '=', commentId)
    .where('reader_id', '=', readerId)
    .returning('comment_id')
    .executeTakeFirst()
  if (deleted) await bumpLikes(db, commentId, -1)
  return !!deleted
}

async function bumpLikes(db: Executor, commentId: string, delta: 1 | -1) {
  await db
    .updateTable('comment')
    .set({ like_count: sql`greatest(0, like_count + ${delta})` })
    .where('id', '=', commentId)
    .execute()
}

export async function likeCount(db: Executor, commentId: string): Promise<number> {
  const row = await db.selectFrom('comment').select('like_count').where('id', '=', commentId).executeTakeFirst()
  return row?.like_count ?? 0
}
