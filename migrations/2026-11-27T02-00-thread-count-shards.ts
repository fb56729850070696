import { sql, type Kysely } from 'kysely'

/**
 * Comment counts in shards. Every post used to update its thread's one row, so all posts into a hot
 * thread queued on that row's lock until each committed (fsync included). Now each change adds to
 * one of 16 shard rows picked at random; a thread's count is its base column plus its shards.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('thread_count_shard')
    .addColumn('thread_id', 'bigint', (c) => c.notNull().references('thread.id').onDelete('cascade'))
    .addColumn('shard', 'smallint', (c) => c.notNull())
    .addColumn('delta', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('thread_count_shard_pkey', ['thread_id', 'shard'])
    .execute()
  await sql`comment on table thread_count_shard is
    'Published comments added (or removed) per thread, spread over shards; see thread.comment_count'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('thread_count_shard').execute()
}
