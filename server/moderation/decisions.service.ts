import type { AppDeps } from '../context.ts'
import type { CommentRow } from '../db/schema.ts'
import { fail, notFound } from '../http/errors.ts'
import { adjustPublishedCounts, findComment } from '../comments/comments.repository.ts'
import type { Staff } from '../accounts/sessions.ts'
import { requireSiteAccess } from '../staff/staff-guard.ts'
import { recordAudit } from './audit.service.ts'
import { articleOfThread } from '../threads/threads.repository.ts'
import { adjustReaderDecisions, markDecided } from './decisions.repository.ts'

export type DecisionAction = 'approve' | 'reject'

export interface DecisionInput {
  action: DecisionAction
  reason?: string | undefined
  /** Re-decides a comment another decision already settled (from the approved/rejected tabs). */
  override?: boolean | undefined
}

export interface DecisionState {
  id: string
  status: CommentRow['status']
  flagged: boolean
  /** `by` is the deciding account's id. */
  decision: { action: DecisionAction; at: string; by: string | null; reason: string | null } | null
}

/**
 * Approves or rejects a comment, in one transaction with its row locked, so two moderators deciding
 * at once are served one after the other: the first decides; the second gets the same state back
 * (same action: 200, nothing written twice) or a 409 `already_decided` carrying the outcome. A
 * decision changes what readers see at once (counts, change bus) and leaves an audit row.
 */
export async function decideComment(
  deps: AppDeps,
  staff: Staff,
  commentId: string,
  input: DecisionInput,
): Promise<{ comment: DecisionState; changed: boolean }> {
  return deps.changes.transaction(deps.db, async (trx) => {
    const comment = await findComment(trx, commentId, true)
    if (!comment) throw notFound('comment_not_found')
    requireSiteAccess(staff, comment.site_id)
    if (comment.status === 'deleted') throw fail(409, 'not_decidable')

    const target = input.action === 'approve' ? 'published' : 'rejected'
    const inQueue = comment.status === 'pending' || (comment.status === 'published' && comment.flagged)
    if (!inQueue) {
      if (comment.status === target) return { comment: stateOf(comment), changed: false }
      if (comment.decided_at && !input.override) {
        throw fail(409, 'already_decided', {}, { outcome: stateOf(comment) })
      }
    }

    const now = deps.now()
    const updated = await markDecided(trx, comment.id, {
      status: target,
      decidedAt: now,
      decidedBy: staff.accountId,
      reason: input.reason ?? null,
    })
    const previous = previousDecision(comment)
    if (previous !== input.action) await adjustReaderDecisions(trx, comment.author_id, input.action, previous)

    const wasPublished = comment.status === 'published'
    const isPublished = target === 'published'
    if (wasPublished !== isPublished) await adjustPublishedCounts(trx, comment, isPublished ? 1 : -1)
    if (wasPublished !== isPublished || comment.status === 'pending') {
      const article = await articleOfThread(trx, comment.thread_id)
      await deps.changes.publish(trx, {
        type: 'comment',
        kind: isPublished ? 'new' : 'removed',
        site: comment.site_id,
        article,
        commentId: comment.id,
      })
    }
    await recordAudit(trx, {
      siteId: comment.site_id,
      actorId: staff.accountId,
      action: `comment.${input.action}`,
      targetType: 'comment',
      targetId: comment.id,
      before: { status: comment.status, flagged: comment.flagged },
      after: { status: updated.status, flagged: updated.flagged },
      reason: input.reason,
      at: now,
    })
    return { comment: stateOf(updated), changed: true }
  })
}

/**
 * The moderator decision a comment carries, if any. Only a rejection leaves a comment rejected; an
 * approved comment may since have gone back to pending (reports, an edit) and stays "approved".
 */
function previousDecision(comment: CommentRow): DecisionAction | null {
  if (!comment.decided_at) return null
  return comment.status === 'rejected' ? 'reject' : 'approve'
}

function stateOf(comment: CommentRow): DecisionState {
  const action = previousDecision(comment)
  return {
    id: comment.id,
    status: comment.status,
    flagged: comment.flagged,
    decision:
      action && comment.decided_at
        ? {
            action,
            at: comment.decided_at.toISOString(),
            by: comment.decided_by,
            reason: comment.decision_reason,
          }
        : null,
  }
}
