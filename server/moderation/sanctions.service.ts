import type { AppDeps } from '../context.ts'
import type { SanctionKind, SanctionRow } from '../db/schema.ts'
import { fail, notFound } from '../http/errors.ts'
import { findReader } from '../readers/readers.repository.ts'
import type { Staff } from '../accounts/sessions.ts'
import { requireSiteAccess } from '../staff/staff-guard.ts'
import { recordAudit } from './audit.service.ts'
import { insertSanction, liftSanctionRow, lockSanction, sanctionsOfReader } from './sanctions.repository.ts'

export interface ApiSanction {
  id: string
  reader: string
  site: string
  kind: SanctionKind
  until: string | null
  reason: string
  createdAt: string
  createdBy: string
  liftedAt: string | null
  liftedBy: string | null
}

export function toApiSanction(row: SanctionRow): ApiSanction {
  return {
    id: row.id,
    reader: row.reader_id,
    site: row.site_id,
    kind: row.kind,
    until: row.until?.toISOString() ?? null,
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    liftedAt: row.lifted_at?.toISOString() ?? null,
    liftedBy: row.lifted_by,
  }
}

/**
 * Sanctions a reader: warn (recorded only), suspend until a date, ban, or always pre-moderate. The
 * rules read them on the reader's next post (ban/suspend → 403 `sanctioned`, premod → hold).
 */
export async function sanctionReader(
  deps: AppDeps,
  staff: Staff,
  readerId: string,
  input: { kind: SanctionKind; until?: Date | undefined; reason: string },
): Promise<ApiSanction> {
  const now = deps.now()
  if (input.kind === 'suspend' && !input.until) throw fail(422, 'until_required', {}, { field: 'until' })
  if (input.until && input.until <= now) throw fail(422, 'until_required', {}, { field: 'until' })
  return deps.db.transaction().execute(async (trx) => {
    const reader = await findReader(trx, readerId)
    if (!reader) throw notFound('reader_not_found')
    requireSiteAccess(staff, reader.site_id)
    const row = await insertSanction(trx, {
      siteId: reader.site_id,
      readerId,
      kind: input.kind,
      until: input.until ?? null,
      reason: input.reason,
      by: staff.accountId,
      at: now,
    })
    await recordAudit(trx, {
      siteId: reader.site_id,
      actorId: staff.accountId,
      action: 'sanction.create',
      targetType: 'reader',
      targetId: readerId,
      after: { sanction: row.id, kind: row.kind, until: row.until, readerName: reader.name },
      reason: input.reason,
      at: now,
    })
    return toApiSanction(row)
  })
}

/** Lifts a sanction; lifting one already lifted answers its state and writes nothing. */
export async function liftSanction(
  deps: AppDeps,
  staff: Staff,
  readerId: string,
  sanctionId: string,
  reason: string | undefined,
): Promise<ApiSanction> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockSanction(trx, readerId, sanctionId)
    if (!row) throw notFound('sanction_not_found')
    requireSiteAccess(staff, row.site_id)
    if (row.lifted_at) return toApiSanction(row)
    const now = deps.now()
    const lifted = await liftSanctionRow(trx, row.id, staff.accountId, now)
    await recordAudit(trx, {
      siteId: row.site_id,
      actorId: staff.accountId,
      action: 'sanction.lift',
      targetType: 'reader',
      targetId: readerId,
      before: { sanction: row.id, kind: row.kind, until: row.until },
      after: { sanction: row.id, liftedAt: now },
      reason: reason ?? null,
      at: now,
    })
    return toApiSanction(lifted)
  })
}

/** A reader's whole sanction history, for the author panel. */
export async function readerSanctions(deps: AppDeps, staff: Staff, readerId: string) {
  const reader = await findReader(deps.db, readerId)
  if (!reader) throw notFound('reader_not_found')
  requireSiteAccess(staff, reader.site_id)
  const rows = await sanctionsOfReader(deps.db, readerId)
  return {
    reader: {
      id: reader.id,
      name: reader.name,
      kind: reader.kind,
      site: reader.site_id,
      createdAt: reader.created_at.toISOString(),
      approvedCount: reader.approved_count,
      rejectedCount: reader.rejected_count,
    },
    sanctions: rows.map(toApiSanction),
  }
}
