import { sql, type Kysely } from 'kysely'

/**
 * The `author.history` rule reads one author's moderator decisions of the last days on every post.
 * Without this index the planner may walk every recent decision of the site instead.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index comment_author_decided_idx on comment (author_id, decided_at)
            where decided_at is not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index comment_author_decided_idx`.execute(db)
}
