import { createHash } from 'node:crypto'
import type { AppDeps } from '../context.ts'
import type { AccountRole } from '../db/schema.ts'
import { fail } from '../http/errors.ts'
import { hitRateLimit } from '../limits/rate-buckets.ts'
import { recordAudit } from '../moderation/audit.service.ts'
import type { Executor } from '../sites/sites.repository.ts'
import {
  findAccountByEmail,
  grantedSites,
  grantSites,
  insertAccount,
  listAccounts,
} from './accounts.repository.ts'
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.ts'
import { createSession } from './sessions.ts'

const LOGIN_WINDOW_SECONDS = 15 * 60

export interface ApiAccount {
  id: string
  email: string
  name: string
  role: AccountRole
  sites: string[]
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

/**
 * Signs a staff member in. Attempts are counted per client address and per e-mail (shared by every
 * instance) before the password is checked; every failure gives the same answer in the same time,
 * whether the e-mail exists or not.
 */
export async function login(
  deps: AppDeps,
  input: { email: string; password: string },
  clientKey: string,
): Promise<{ account: ApiAccount; token: string; csrfToken: string; expiresAt: Date }> {
  const email = normalizeEmail(input.email)
  const now = deps.now()
  const max = deps.limits.loginsPerWindow
  const emailKey = createHash('sha256').update(email).digest('base64url').slice(0, 22)
  await hitRateLimit(deps.db, { key: `login:ip:${clientKey}`, max, windowSeconds: LOGIN_WINDOW_SECONDS, now })
  await hitRateLimit(deps.db, { key: `login:email:${emailKey}`, max, windowSeconds: LOGIN_WINDOW_SECONDS, now })

  const account = await findAccountByEmail(deps.db, email)
  if (!account || account.disabled) {
    await burnPasswordCheck(input.password)
    throw fail(401, 'invalid_credentials')
  }
  if (!(await verifyPassword(input.password, account.password_hash))) {
    throw fail(401, 'invalid_credentials')
  }
  const session = await createSession(deps, account.id)
  const sites = await grantedSites(deps.db, account.id)
  return {
    account: { id: account.id, email: account.email, name: account.name, role: account.role, sites },
    ...session,
  }
}

export interface NewAccount {
  email: string
  password: string
  name?: string | undefined
  role: AccountRole
  sites?: string[] | undefined
}

/**
 * Creates a staff account (CLI, admin API, start-up admin) with its granted sites, audited when an
 * admin does it. A taken e-mail is a 409 `account_exists`.
 */
export async function createAccount(
  deps: Pick<AppDeps, 'db' | 'now'>,
  input: NewAccount,
  actorId: string | null = null,
): Promise<ApiAccount> {
  const email = normalizeEmail(input.email)
  const passwordHash = await hashPassword(input.password)
  return deps.db.transaction().execute(async (trx) => {
    if (await findAccountByEmail(trx, email)) throw fail(409, 'account_exists')
    const sites = [...new Set(input.sites ?? [])]
    await requireSitesExist(trx, sites)
    const name = input.name?.trim() || email.split('@')[0]!
    const row = await insertAccount(trx, { email, name, passwordHash, role: input.role })
    await grantSites(trx, row.id, sites)
    const account = { id: row.id, email, name, role: row.role, sites: sites.sort() }
    await recordAudit(trx, {
      siteId: null,
      actorId,
      action: 'account.create',
      targetType: 'account',
      targetId: row.id,
      after: { email, name, role: row.role, sites: account.sites },
      at: deps.now(),
    })
    return account
  })
}

/** Creates the account unless one with that e-mail exists (start-up admin, demo moderator). */
export async function ensureAccount(deps: Pick<AppDeps, 'db' | 'now'>, input: NewAccount): Promise<boolean> {
  if (await findAccountByEmail(deps.db, normalizeEmail(input.email))) return false
  try {
    await createAccount(deps, input)
    return true
  } catch (err) {
    // Another instance starting at the same moment created it first: that is the wanted state.
    if ((err as { code?: string }).code === 'account_exists' || (err as { code?: string }).code === '23505') return false
    throw err
  }
}

async function requireSitesExist(db: Executor, sites: string[]): Promise<void> {
  if (sites.length === 0) return
  const found = await db.selectFrom('site').select('id').where('id', 'in', sites).execute()
  const missing = sites.find((s) => !found.some((f) => f.id === s))
  if (missing) throw fail(422, 'site_not_found', { site: missing.slice(0, 64) }, { field: 'sites' })
}

/** Every staff account with its sites, for the admin's list. */
export async function accountsList(deps: AppDeps) {
  const rows = await listAccounts(deps.db)
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    disabled: r.disabled,
    sites: r.sites,
    createdAt: r.created_at.toISOString(),
  }))
}
