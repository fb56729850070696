import type { SiteRow } from '../db/schema.ts'
import type { Executor } from '../sites/sites.repository.ts'

/** The site's row, locked so two admins saving at once apply one after the other (and audit both). */
export function lockSite(db: Executor, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('site').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}
