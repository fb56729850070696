import type { Kysely } from 'kysely'

/**
 * An Idempotency-Key now remembers the comment it created (and the outcome), stored in the same
 * statement as the comment; a retry answers from that comment as it is now.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('idempotency_key').addColumn('comment_id', 'bigint').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('idempotency_key').dropColumn('comment_id').execute()
}
