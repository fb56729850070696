import type { AppDeps } from '../context.ts'
import { decodeCursor, encodeCursor } from '../comments/cursor.ts'
import type { Executor } from '../sites/sites.repository.ts'
import type { Staff } from '../accounts/sessions.ts'
import { auditPage, insertAudit, type AuditEntry } from './audit.repository.ts'
import { visibleSites } from '../staff/staff-guard.ts'

/**
 * Writes an audit row inside the caller's transaction, so an action and its record commit (or fail)
 * together: nothing a moderator does is lost or silent.
 */
export function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  return insertAudit(db, entry)
}

export interface ApiAuditEntry {
  id: string
  site: string | null
  actor: { id: string; name: string; email: string } | null
  action: string
  target: { type: string; id: string }
  before: unknown
  after: unknown
  reason: string | null
  createdAt: string
}

const PAGE = 50

/** Who did what, when, to what and why: newest first, limited to the sites the caller may see. */
export async function readAudit(
  deps: AppDeps,
  staff: Staff,
  query: { site?: string | undefined; cursor?: string | undefined },
): Promise<{ entries: ApiAuditEntry[]; nextCursor: string | null }> {
  const sites = visibleSites(staff, query.site)
  const after = query.cursor ? decodeCursor(query.cursor, 'audit') : undefined
  const rows = await auditPage(deps.db, { sites, after, limit: PAGE + 1 })
  const page = rows.slice(0, PAGE)
  const last = page.at(-1)
  return {
    entries: page.map((r) => ({
      id: r.id,
      site: r.site_id,
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '', email: r.actor_email ?? '' } : null,
      action: r.action,
      target: { type: r.target_type, id: r.target_id },
      before: r.before ?? null,
      after: r.after ?? null,
      reason: r.reason,
      createdAt: r.created_at.toISOString(),
    })),
    nextCursor: rows.length > PAGE && last ? encodeCursor({ k: 'audit', i: last.id }) : null,
  }
}
