import { createHash, randomBytes } from 'node:crypto'
import type { AppDeps } from '../context.ts'
import type { AccountRole } from '../db/schema.ts'
import {
  deleteExpiredSessions,
  deleteSession,
  extendSession,
  findLiveSession,
  grantedSites,
  insertSession,
} from './accounts.repository.ts'

/** A session lives 12 hours after its last use (sliding), refreshed at most once an hour. */
export const SESSION_TTL_MS = 12 * 3_600_000
const REFRESH_AFTER_MS = 3_600_000

/** The signed-in staff member behind a request. */
export interface Staff {
  accountId: string
  email: string
  name: string
  role: AccountRole
  /** Sites granted to a moderator; admins may act on every site whatever this holds. */
  sites: string[]
  sessionId: string
  csrfToken: string
  expiresAt: Date
  /** True when the expiry moved, so the cookie is sent again with the new lifetime. */
  refreshed: boolean
}

/**
 * Only a hash of the session token is stored: a leaked database (or backup) yields no usable
 * session. The token itself lives only in the browser's HttpOnly cookie.
 */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

export async function createSession(deps: AppDeps, accountId: string) {
  const token = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(24).toString('base64url')
  const now = deps.now()
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
  // Expired sessions are swept on sign-in: rare enough to cost nothing, often enough to stay small.
  await deleteExpiredSessions(deps.db, now)
  await insertSession(deps.db, { id: sessionIdOf(token), accountId, csrfToken, expiresAt })
  return { token, csrfToken, expiresAt }
}

/** The staff member of a session token, or undefined when it is unknown, expired or disabled. */
export async function resolveSession(deps: AppDeps, token: string): Promise<Staff | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined
  const now = deps.now()
  const row = await findLiveSession(deps.db, sessionIdOf(token), now)
  if (!row) return undefined
  let expiresAt = row.expires_at
  const refreshed = expiresAt.getTime() - now.getTime() < SESSION_TTL_MS - REFRESH_AFTER_MS
  if (refreshed) {
    expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
    await extendSession(deps.db, row.id, expiresAt)
  }
  return {
    accountId: row.account_id,
    email: row.email,
    name: row.name,
    role: row.role,
    sites: await grantedSites(deps.db, row.account_id),
    sessionId: row.id,
    csrfToken: row.csrf_token,
    expiresAt,
    refreshed,
  }
}

export async function endSession(deps: AppDeps, sessionId: string): Promise<void> {
  await deleteSession(deps.db, sessionId)
}
