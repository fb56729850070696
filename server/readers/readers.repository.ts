import type { ReaderRow } from '../db/schema.ts'
import type { Executor } from '../sites/sites.repository.ts'

export function findReader(db: Executor, id: string): Promise<ReaderRow | undefined> {
  return db.selectFrom('reader').selectAll().where('id', '=', id).executeTakeFirst()
}

export function insertGuest(
  db: Executor,
  guest: { siteId: string; name: string; email: string | null },
): Promise<ReaderRow> {
  return db
    .insertInto('reader')
    .values({ site_id: guest.siteId, kind: 'guest', external_id: null, name: guest.name, email: guest.email })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Creates or refreshes the reader behind a site account (same `sub`, same reader). */
export function upsertSsoReader(
  db: Executor,
  account: { siteId: string; externalId: string; name: string; email: string | null; staff: boolean },
): Promise<ReaderRow> {
  return db
    .insertInto('reader')
    .values({
      site_id: account.siteId,
      kind: 'sso',
      external_id: account.externalId,
      name: account.name,
      email: account.email,
      staff: account.staff,
    })
    .onConflict((oc) =>
      oc
        .columns(['site_id', 'external_id'])
        .where('external_id', 'is not', null)
        .doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          email: eb.ref('excluded.email'),
          staff: eb.ref('excluded.staff'),
        })),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
}
