import type { CursorPosition } from '../comments/cursor.ts'
import type { Executor } from '../sites/sites.repository.ts'

/** One entry of the audit log, as written. */
export interface AuditEntry {
  siteId: string | null
  actorId: string | null
  action: string
  targetType: string
  targetId: string
  before?: unknown
  after?: unknown
  reason?: string | null | undefined
  at: Date
}

export async function insertAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      site_id: entry.siteId,
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      reason: entry.reason ?? null,
      created_at: entry.at,
    })
    .execute()
}

/**
 * Newest first, by id (audit_log_site_idx). `sites` undefined means every site and the entries
 * that belong to none (accounts), which only admins see.
 */
export function auditPage(
  db: Executor,
  q: { sites: string[] | undefined; after: CursorPosition | undefined; limit: number },
) {
  return db
    .selectFrom('audit_log as l')
    .leftJoin('account as a', 'a.id', 'l.actor_id')
    .select([
      'l.id',
      'l.site_id',
      'l.actor_id',
      'a.name as actor_name',
      'a.email as actor_email',
      'l.action',
      'l.target_type',
      'l.target_id',
      'l.before',
      'l.after',
      'l.reason',
      'l.created_at',
    ])
    .$if(q.sites !== undefined, (qb) => qb.where('l.site_id', 'in', q.sites!.length ? q.sites! : ['']))
    .$if(!!q.after, (qb) => qb.where('l.id', '<', q.after!.i))
    .orderBy('l.id', 'desc')
    .limit(q.limit)
    .execute()
}
