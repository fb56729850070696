import { sql } from 'kysely'
import type { AppDeps, Viewer } from '../context.ts'
import { fail, forbidden, notFound } from '../http/errors.ts'
import { hitRateLimit } from '../limits/rate-buckets.ts'
import { adjustPublishedCounts, findComment } from '../comments/comments.repository.ts'
import { articleOfThread } from '../threads/threads.repository.ts'
import { PRIORITY_VALUE } from '../rules/rules.service.ts'
import type { Executor } from '../sites/sites.repository.ts'
import { URGENT_REASONS, type ReportReason } from './report-reasons.ts'

const REPORTS_PER_HOUR = 20
/** A reporter whose reports led to this many rejections counts as proven. */
const PROVEN_AFTER = 3

/**
 * Records one report per reader per comment. Each weighs 1 by default (the site may weigh new
 * readers less, proven reporters more); when the weights reach the site's threshold the comment is
 * hidden to pending at once. Threat and illegal reports are urgent.
 */
export async function reportComment(
  deps: AppDeps,
  viewer: Viewer,
  commentId: string,
  input: { reason: ReportReason; note?: string | undefined },
): Promise<{ reported: true; hidden: boolean }> {
  return deps.changes.transaction(deps.db, async (trx) => {
    const comment = await findComment(trx, commentId, true)
    if (!comment || comment.status !== 'published') throw notFound('comment_not_found')
    if (comment.site_id !== viewer.siteId) throw forbidden('wrong_site')
    if (comment.author_id === viewer.readerId) throw forbidden('own_comment')
    const site = await deps.sites.get(comment.site_id, trx)
    if (!site) throw notFound('comment_not_found')
    const now = deps.now()
    await hitRateLimit(trx, { key: `report:${viewer.readerId}`, max: REPORTS_PER_HOUR, windowSeconds: 3600, now })

    const weight = await reporterWeight(trx, viewer.readerId, site.settings.rules.reports, now)
    const inserted = await trx
      .insertInto('report')
      .values({ comment_id: comment.id, reader_id: viewer.readerId, reason: input.reason, note: input.note ?? null, weight })
      .onConflict((oc) => oc.columns(['comment_id', 'reader_id']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) throw fail(409, 'already_reported')

    const urgent = URGENT_REASONS.has(input.reason)
    const score = comment.report_score + weight
    const hide = score >= site.settings.rules.reports.threshold
    await trx
      .updateTable('comment')
      .set({
        report_score: score,
        report_count: sql`report_count + 1`,
        flagged: true,
        status: hide ? 'pending' : comment.status,
        ...(urgent && { priority: PRIORITY_VALUE.urgent }),
      })
      .where('id', '=', comment.id)
      .execute()
    if (hide) {
      await adjustPublishedCounts(trx, comment, -1)
      const article = await articleOfThread(trx, comment.thread_id)
      await deps.changes.publish(trx, { type: 'comment', kind: 'removed', site: site.id, article, commentId: comment.id })
    }
    return { reported: true as const, hidden: hide }
  })
}

async function reporterWeight(
  db: Executor,
  readerId: string,
  weights: { newReaderWeight: number; provenReporterWeight: number },
  now: Date,
): Promise<number> {
  const row = await db
    .selectFrom('reader')
    .select([
      'approved_count',
      'created_at',
      (eb) =>
        eb
          .selectFrom('report as r')
          .innerJoin('comment as c', 'c.id', 'r.comment_id')
          .select(sql<string>`count(*)`.as('n'))
          .where('r.reader_id', '=', readerId)
          .where('c.status', '=', 'rejected')
          .as('upheld'),
    ])
    .where('id', '=', readerId)
    .executeTakeFirstOrThrow()
  if (Number(row.upheld ?? 0) >= PROVEN_AFTER) return weights.provenReporterWeight
  const isNew = row.approved_count === 0 && now.getTime() - row.created_at.getTime() < 86_400_000
  return isNew ? weights.newReaderWeight : 1
}
