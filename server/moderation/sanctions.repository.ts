import type { SanctionKind, SanctionRow } from '../db/schema.ts'
import type { Executor } from '../sites/sites.repository.ts'

export function insertSanction(
  db: Executor,
  s: { siteId: string; readerId: string; kind: SanctionKind; until: Date | null; reason: string; by: string; at: Date },
): Promise<SanctionRow> {
  return db
    .insertInto('sanction')
    .values({
      site_id: s.siteId,
      reader_id: s.readerId,
      kind: s.kind,
      until: s.until,
      reason: s.reason,
      created_by: s.by,
      created_at: s.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** One sanction of one reader, locked for the rest of the transaction. */
export function lockSanction(db: Executor, readerId: string, id: string): Promise<SanctionRow | undefined> {
  return db
    .selectFrom('sanction')
    .selectAll()
    .where('id', '=', id)
    .where('reader_id', '=', readerId)
    .forUpdate()
    .executeTakeFirst()
}

export function liftSanctionRow(db: Executor, id: string, by: string, at: Date): Promise<SanctionRow> {
  return db
    .updateTable('sanction')
    .set({ lifted_at: at, lifted_by: by })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Every sanction a reader ever had, newest first (the author's history). */
export function sanctionsOfReader(db: Executor, readerId: string): Promise<SanctionRow[]> {
  return db.selectFrom('sanction').selectAll().where('reader_id', '=', readerId).orderBy('id', 'desc').execute()
}
