import type { AppDeps } from '../context.ts'
import { decodeCursor, encodeCursor } from '../comments/cursor.ts'
import type { Staff } from '../accounts/sessions.ts'
import { visibleSites } from '../staff/staff-guard.ts'
import {
  activeSanctionsOf,
  isWorkQueue,
  queueCounts,
  queuePage,
  reportsOf,
  type QueueName,
  type QueueRow,
} from './queue.repository.ts'
import { reasonsOf, reportsReason, type ApiReason } from './reasons.ts'

const PAGE = 20
export const PRIORITY_NAMES = ['low', 'normal', 'high', 'urgent'] as const

export interface QueueItem {
  comment: {
    id: string
    site: string
    body: string
    status: string
    priority: (typeof PRIORITY_NAMES)[number]
    flagged: boolean
    createdAt: string
    editedAt: string | null
    parent: { id: string; author: string | null; excerpt: string; status: string | null } | null
    decision: { at: string; by: string | null; reason: string | null } | null
  }
  thread: { article: string; title: string; url: string }
  author: {
    id: string
    name: string
    kind: string
    createdAt: string
    approvedCount: number
    rejectedCount: number
    premod: boolean
    sanctions: { id: string; kind: string; until: string | null; reason: string; createdAt: string }[]
  }
  reasons: ApiReason[]
  reports: { id: string; reason: string; note: string | null; weight: number; createdAt: string }[]
}

/**
 * A page of a queue, with everything a moderator needs to decide without another click: the comment
 * in context, every reason in words, the reports, and the author's history. Four queries whatever
 * the queue's size: the page (with thread, author and parent joined), reports, sanctions, counts.
 */
export async function readQueue(
  deps: AppDeps,
  staff: Staff,
  query: { site?: string | undefined; queue: QueueName; cursor?: string | undefined },
): Promise<{ items: QueueItem[]; nextCursor: string | null; counts: { pending: number; reported: number } }> {
  const sites = visibleSites(staff, query.site)
  const after = query.cursor ? decodeCursor(query.cursor, 'queue') : undefined
  const [rows, counts] = await Promise.all([
    queuePage(deps.db, { sites, queue: query.queue, after, limit: PAGE + 1 }),
    queueCounts(deps.db, sites),
  ])
  const page = rows.slice(0, PAGE)
  const [reports, sanctions] = await Promise.all([
    reportsOf(deps.db, page.map((r) => r.id)),
    activeSanctionsOf(deps.db, [...new Set(page.map((r) => r.author_id))], deps.now()),
  ])
  // One look-up per distinct site (usually one), for its report threshold; cached per instance.
  const siteIds = [...new Set(page.map((r) => r.site_id))]
  const siteRows = await Promise.all(siteIds.map((id) => deps.sites.get(id)))
  const threshold = new Map(siteIds.map((id, i) => [id, siteRows[i]?.settings.rules.reports.threshold ?? 3]))
  const items = page.map((row) =>
    toItem(
      row,
      reports.filter((r) => r.comment_id === row.id),
      sanctions.filter((s) => s.reader_id === row.author_id),
      threshold.get(row.site_id)!,
    ),
  )
  const last = page.at(-1)
  const nextCursor =
    rows.length > PAGE && last
      ? encodeCursor({ k: 'queue', t: last.sort_key, i: last.id, ...(isWorkQueue(query.queue) && { p: last.priority }) })
      : null
  return { items, nextCursor, counts }
}

type ReportRow = Awaited<ReturnType<typeof reportsOf>>[number]
type SanctionRow = Awaited<ReturnType<typeof activeSanctionsOf>>[number]

function toItem(row: QueueRow, reports: ReportRow[], sanctions: SanctionRow[], threshold: number): QueueItem {
  const reasons = reasonsOf(row.rule_matches)
  if (row.report_count > 0) {
    reasons.push(reportsReason(row.report_count, row.report_score, threshold, row.status === 'pending'))
  }
  return {
    comment: {
      id: row.id,
      site: row.site_id,
      body: row.body,
      status: row.status,
      priority: PRIORITY_NAMES[row.priority] ?? 'normal',
      flagged: row.flagged,
      createdAt: row.created_at.toISOString(),
      editedAt: row.edited_at?.toISOString() ?? null,
      parent: row.parent_id
        ? { id: row.parent_id, author: row.parent_author, excerpt: row.parent_excerpt ?? '', status: row.parent_status }
        : null,
      decision: row.decided_at
        ? { at: row.decided_at.toISOString(), by: row.decided_by_name, reason: row.decision_reason }
        : null,
    },
    thread: { article: row.article, title: row.title, url: row.url },
    author: {
      id: row.author_id,
      name: row.author_name,
      kind: row.author_kind,
      createdAt: row.author_created_at.toISOString(),
      approvedCount: row.approved_count,
      rejectedCount: row.rejected_count,
      premod: row.premod,
      sanctions: sanctions.map((s) => ({
        id: s.id,
        kind: s.kind,
        until: s.until?.toISOString() ?? null,
        reason: s.reason,
        createdAt: s.created_at.toISOString(),
      })),
    },
    reasons,
    reports: reports.map((r) => ({
      id: r.id,
      reason: r.reason,
      note: r.note,
      weight: r.weight,
      createdAt: r.created_at.toISOString(),
    })),
  }
}
