import { sql } from 'kysely'
import type { AccountRole, AccountRow } from '../db/schema.ts'
import type { Executor } from '../sites/sites.repository.ts'

/** Staff accounts, their granted sites and their sessions. */

export function findAccountByEmail(db: Executor, email: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('email', '=', email).executeTakeFirst()
}

export function findAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst()
}

export function insertAccount(
  db: Executor,
  account: { email: string; name: string; passwordHash: string; role: AccountRole },
): Promise<AccountRow> {
  return db
    .insertInto('account')
    .values({ email: account.email, name: account.name, password_hash: account.passwordHash, role: account.role })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function grantSites(db: Executor, accountId: string, siteIds: string[]): Promise<void> {
  if (siteIds.length === 0) return
  await db
    .insertInto('account_site')
    .values(siteIds.map((site_id) => ({ account_id: accountId, site_id })))
    .onConflict((oc) => oc.columns(['account_id', 'site_id']).doNothing())
    .execute()
}

export async function grantedSites(db: Executor, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('account_site')
    .select('site_id')
    .where('account_id', '=', accountId)
    .orderBy('site_id')
    .execute()
  return rows.map((r) => r.site_id)
}

/** Every account with its granted sites, in one query. */
export function listAccounts(db: Executor) {
  return db
    .selectFrom('account as a')
    .leftJoin('account_site as s', 's.account_id', 'a.id')
    .select(['a.id', 'a.email', 'a.name', 'a.role', 'a.disabled', 'a.created_at'])
    .select(sql<string[]>`coalesce(array_agg(s.site_id order by s.site_id) filter (where s.site_id is not null), '{}')`.as('sites'))
    .groupBy('a.id')
    .orderBy('a.id')
    .execute()
}

export async function insertSession(
  db: Executor,
  session: { id: string; accountId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('session')
    .values({
      id: session.id,
      account_id: session.accountId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
    })
    .execute()
}

/** A live session with its (enabled) account, by the hash of its token. */
export function findLiveSession(db: Executor, id: string, now: Date) {
  return db
    .selectFrom('session as s')
    .innerJoin('account as a', 'a.id', 's.account_id')
    .select(['s.id', 's.csrf_token', 's.expires_at', 'a.id as account_id', 'a.email', 'a.name', 'a.role'])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', now)
    .where('a.disabled', '=', false)
    .executeTakeFirst()
}

export async function extendSession(db: Executor, id: string, expiresAt: Date): Promise<void> {
  await db.updateTable('session').set({ expires_at: expiresAt }).where('id', '=', id).execute()
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute()
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<=', now).execute()
}
