import { sql } from 'kysely'
import type { Executor } from '../sites/sites.repository.ts'

/** Who sent a request under which `Idempotency-Key`. */
export interface KeyRef {
  siteId: string
  readerId: string
  key: string
}

/** What a first request under a key did: the comment it created and what was said about it. */
export interface StoredPost {
  requestHash: string
  commentId: string
  outcome: 'published' | 'pending'
  notice?: string
}

export async function findStoredPost(db: Executor, key: KeyRef): Promise<StoredPost | undefined> {
  const row = await db
    .selectFrom('idempotency_key')
    .select(['request_hash', 'response', 'comment_id'])
    .where('site_id', '=', key.siteId)
    .where('reader_id', '=', key.readerId)
    .where('key', '=', key.key)
    .executeTakeFirst()
  if (!row?.comment_id) return undefined
  const said = row.response as Pick<StoredPost, 'outcome' | 'notice'>
  return { requestHash: row.request_hash, commentId: row.comment_id, ...said }
}

/**
 * The insert of a key's record, to run as a CTE of the statement that inserts the comment (whose id
 * it takes from `inserted`): the comment and its key commit together, in one round trip.
 */
export function storePostSql(key: KeyRef, post: Omit<StoredPost, 'commentId'>) {
  const said = JSON.stringify({ outcome: post.outcome, ...(post.notice && { notice: post.notice }) })
  return sql`insert into idempotency_key (site_id, reader_id, key, request_hash, status, response, comment_id)
             select ${key.siteId}, ${key.readerId}, ${key.key}, ${post.requestHash}, 201, ${said}::jsonb, id
             from inserted`
}
