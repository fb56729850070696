import type { Kysely } from 'kysely'

/**
 * Readers who are the site's own staff (journalists, moderators commenting as themselves), as the
 * site's SSO token says: their comments skip the content rules (not the rate limits) and show a badge.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('reader')
    .addColumn('staff', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reader').dropColumn('staff').execute()
}
