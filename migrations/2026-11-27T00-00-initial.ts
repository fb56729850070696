import { sql, type Kysely } from 'kysely'

/**
 * The first schema of Palabre: sites, threads, readers, comments, likes, reports, idempotency keys,
 * rate buckets, staff accounts and sessions, sanctions and the audit log.
 * Frozen once landed: later changes go in new migrations. Imports nothing from the app.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('allowed_origins', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('rules_text', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('sso_secret', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('thread')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('thread_site_article_key', ['site_id', 'article'])
    .execute()

  await db.schema
    .createTable('reader')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('premod', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('approved_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_comment_at', 'timestamptz')
    .execute()
  await sql`create unique index reader_site_external_key on reader (site_id, external_id)
            where external_id is not null`.execute(db)

  await db.schema
    .createTable('comment')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('thread_id', 'bigint', (c) => c.notNull().references('thread.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'bigint', (c) => c.references('comment.id'))
    .addColumn('root_id', 'bigint')
    .addColumn('reply_to_id', 'bigint')
    .addColumn('depth', 'smallint', (c) => c.notNull().defaultTo(1))
    .addColumn('author_id', 'bigint', (c) => c.notNull().references('reader.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'smallint', (c) => c.notNull().defaultTo(1)) // 0 low … 3 urgent
    .addColumn('flagged', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('rule_matches', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('ruleset_version', 'text')
    .addColumn('normalized_hash', 'text')
    .addColumn('like_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report_score', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ip_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'bigint')
    .addColumn('decision_reason', 'text')
    .execute()
  // Thread pages: one index per sort, status first so the planner reads only what is shown.
  await sql`create index comment_thread_newest_idx on comment (thread_id, created_at desc, id desc)
            where parent_id is null and status in ('published', 'deleted')`.execute(db)
  await sql`create index comment_thread_top_idx
            on comment (thread_id, like_count desc, created_at desc, id desc)
            where parent_id is null and status in ('published', 'deleted')`.execute(db)
  await sql`create index comment_parent_idx on comment (parent_id, created_at, id)
            where parent_id is not null`.execute(db)
  await sql`create index comment_author_idx on comment (author_id, created_at desc)`.execute(db)
  await sql`create index comment_pending_idx on comment (thread_id, author_id)
            where status = 'pending'`.execute(db)
  // Moderation queues: urgent first, then oldest; one partial index per queue keeps them small.
  await sql`create index comment_pending_queue_idx on comment (site_id, priority desc, created_at, id)
            where status = 'pending'`.execute(db)
  await sql`create index comment_reported_queue_idx on comment (site_id, priority desc, created_at, id)
            where flagged and status = 'published'`.execute(db)
  await sql`create index comment_hash_idx on comment (site_id, normalized_hash)
            where normalized_hash is not null`.execute(db)

  await db.schema
    .createTable('comment_like')
    .addColumn('comment_id', 'bigint', (c) => c.notNull().references('comment.id').onDelete('cascade'))
    .addColumn('reader_id', 'bigint', (c) => c.notNull().references('reader.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('comment_like_pkey', ['comment_id', 'reader_id'])
    .execute()
  await db.schema
    .createIndex('comment_like_reader_idx')
    .on('comment_like')
    .columns(['reader_id', 'comment_id'])
    .execute()

  await db.schema
    .createTable('report')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('comment_id', 'bigint', (c) => c.notNull().references('comment.id').onDelete('cascade'))
    .addColumn('reader_id', 'bigint', (c) => c.notNull().references('reader.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('report_comment_reader_key', ['comment_id', 'reader_id'])
    .execute()
  await db.schema.createIndex('report_reader_idx').on('report').columns(['reader_id']).execute()

  await db.schema
    .createTable('idempotency_key')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('reader_id', 'bigint', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_key_pkey', ['site_id', 'reader_id', 'key'])
    .execute()

  await db.schema
    .createTable('rate_bucket')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rate_bucket_pkey', ['key', 'window_start'])
    .execute()

  await db.schema
    .createTable('account')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('account_site')
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('account_site_pkey', ['account_id', 'site_id'])
    .execute()

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('session_expires_idx').on('session').column('expires_at').execute()

  await db.schema
    .createTable('sanction')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('reader_id', 'bigint', (c) => c.notNull().references('reader.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('until', 'timestamptz')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('lifted_at', 'timestamptz')
    .addColumn('lifted_by', 'bigint')
    .execute()
  await sql`create index sanction_active_idx on sanction (reader_id) where lifted_at is null`.execute(db)

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('site_id', 'text')
    .addColumn('actor_id', 'bigint')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index audit_log_site_idx on audit_log (site_id, id desc)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'sanction',
    'session',
    'account_site',
    'account',
    'rate_bucket',
    'idempotency_key',
    'report',
    'comment_like',
    'comment',
    'reader',
    'thread',
    'site',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
