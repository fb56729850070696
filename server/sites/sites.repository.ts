import type { Kysely, Transaction } from 'kysely'
import type { Database, SiteRow } from '../db/schema.ts'

/** Any executor: the database or a transaction. */
export type Executor = Kysely<Database> | Transaction<Database>

export function findSite(db: Executor, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('site').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listSites(db: Executor): Promise<SiteRow[]> {
  return db.selectFrom('site').selectAll().orderBy('id').execute()
}

export interface NewSite {
  id: string
  name: string
  allowedOrigins: string[]
  settings?: unknown
  rulesText?: Record<string, string>
  ssoSecret?: string | null
}

export function insertSite(db: Executor, site: NewSite): Promise<SiteRow> {
  return db
    .insertInto('site')
    .values({
      id: site.id,
      name: site.name,
      allowed_origins: site.allowedOrigins,
      settings: JSON.stringify(site.settings ?? {}),
      rules_text: JSON.stringify(site.rulesText ?? {}),
      sso_secret: site.ssoSecret ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface SitePatch {
  name?: string
  allowedOrigins?: string[]
  settings?: unknown
  rulesText?: Record<string, string>
  ssoSecret?: string | null
}

export function updateSite(db: Executor, id: string, patch: SitePatch): Promise<SiteRow | undefined> {
  return db
    .updateTable('site')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.allowedOrigins !== undefined && { allowed_origins: patch.allowedOrigins }),
      ...(patch.settings !== undefined && { settings: JSON.stringify(patch.settings) }),
      ...(patch.rulesText !== undefined && { rules_text: JSON.stringify(patch.rulesText) }),
      ...(patch.ssoSecret !== undefined && { sso_secret: patch.ssoSecret }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
}
