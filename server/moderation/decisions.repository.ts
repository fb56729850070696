import { sql } from 'kysely'
import type { CommentRow } from '../db/schema.ts'
import type { Executor } from '../sites/sites.repository.ts'

/**
 * Sets a moderator's decision. Approving also zeroes the report score: the reports were judged, so
 * only new ones may hide the comment again.
 */
export function markDecided(
  db: Executor,
  id: string,
  d: { status: 'published' | 'rejected'; decidedAt: Date; decidedBy: string; reason: string | null },
): Promise<CommentRow> {
  return db
    .updateTable('comment')
    .set({
      status: d.status,
      flagged: false,
      decided_at: d.decidedAt,
      decided_by: d.decidedBy,
      decision_reason: d.reason,
      ...(d.status === 'published' && { report_score: 0 }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Keeps the author's approved/rejected counts (read by the rules) in step with decisions. */
export async function adjustReaderDecisions(
  db: Executor,
  readerId: string,
  now: 'approve' | 'reject',
  before: 'approve' | 'reject' | null,
): Promise<void> {
  const column = (action: 'approve' | 'reject') => (action === 'approve' ? 'approved_count' : 'rejected_count')
  await db
    .updateTable('reader')
    .set({
      [column(now)]: sql`${sql.ref(column(now))} + 1`,
      ...(before && { [column(before)]: sql`greatest(0, ${sql.ref(column(before))} - 1)` }),
    })
    .where('id', '=', readerId)
    .execute()
}

