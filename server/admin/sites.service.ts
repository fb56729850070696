import { randomBytes } from 'node:crypto'
import type { AppDeps } from '../context.ts'
import type { SiteRow } from '../db/schema.ts'
import { fail, notFound } from '../http/errors.ts'
import type { Staff } from '../accounts/sessions.ts'
import { recordAudit } from '../moderation/audit.service.ts'
import { rulesCheckLine } from '../rules/rules-check.ts'
import { readSiteSettings, type SiteSettings } from '../sites/site-settings.ts'
import { findSite, insertSite, listSites, updateSite, type SitePatch } from '../sites/sites.repository.ts'
import { toSite } from '../sites/site.ts'
import { lockSite } from './admin.repository.ts'

/** A site as the admin sees it: everything but the SSO secret, which is shown once on rotation. */
export interface AdminSite {
  id: string
  name: string
  allowedOrigins: string[]
  rulesText: { fr: string; en: string }
  settings: SiteSettings
  ssoConfigured: boolean
  createdAt: string
  updatedAt: string
}

export function toAdminSite(row: SiteRow): AdminSite {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: row.allowed_origins,
    rulesText: { fr: row.rules_text.fr ?? '', en: row.rules_text.en ?? '' },
    settings: readSiteSettings(row.settings),
    ssoConfigured: !!row.sso_secret,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

export interface SiteInput {
  name?: string | undefined
  allowedOrigins?: string[] | undefined
  rulesText?: { fr?: string | undefined; en?: string | undefined } | undefined
  settings?: SiteSettings | undefined
}

export async function adminSites(deps: AppDeps): Promise<AdminSite[]> {
  return (await listSites(deps.db)).map(toAdminSite)
}

export async function adminSite(deps: AppDeps, id: string): Promise<AdminSite> {
  const row = await findSite(deps.db, id)
  if (!row) throw notFound('site_not_found', { site: id })
  return toAdminSite(row)
}

/** Creates a site, audited; a taken id is a 409 `site_exists`. */
export async function createSite(
  deps: AppDeps,
  staff: Staff,
  input: SiteInput & { id: string; name: string },
): Promise<AdminSite> {
  const row = await deps.changes.transaction(deps.db, async (trx) => {
    if (await findSite(trx, input.id)) throw fail(409, 'site_exists', { site: input.id })
    const created = await insertSite(trx, {
      id: input.id,
      name: input.name,
      allowedOrigins: input.allowedOrigins ?? [],
      settings: input.settings ?? {},
      rulesText: cleanRulesText(input.rulesText ?? {}),
    })
    await recordAudit(trx, {
      siteId: created.id,
      actorId: staff.accountId,
      action: 'site.create',
      targetType: 'site',
      targetId: created.id,
      after: { name: created.name, allowedOrigins: created.allowed_origins },
      at: deps.now(),
    })
    // Other instances may have cached "no such site" for this id.
    await deps.changes.publish(trx, { type: 'site', site: created.id })
    return created
  })
  deps.sites.invalidate(row.id)
  return toAdminSite(row)
}

/**
 * Changes a site's name, origins, rules text or settings. The audit row keeps only what changed,
 * before and after; every instance hears of it (change bus) so the next comment anywhere is judged
 * by the new settings.
 */
export async function updateSiteSettings(deps: AppDeps, staff: Staff, id: string, input: SiteInput): Promise<AdminSite> {
  const row = await deps.changes.transaction(deps.db, async (trx) => {
    const current = await lockSite(trx, id)
    if (!current) throw notFound('site_not_found', { site: id })
    const old = toAdminSite(current)
    const patch: SitePatch = {}
    const before: Record<string, unknown> = {}
    const after: Record<string, unknown> = {}
    const change = <K extends keyof AdminSite>(key: K, value: AdminSite[K] | undefined) => {
      if (value === undefined || JSON.stringify(value) === JSON.stringify(old[key])) return false
      before[key] = old[key]
      after[key] = value
      return true
    }
    if (change('name', input.name)) patch.name = input.name!
    if (change('allowedOrigins', input.allowedOrigins)) patch.allowedOrigins = input.allowedOrigins!
    const rulesText = input.rulesText && { ...old.rulesText, ...cleanRulesText(input.rulesText) }
    if (change('rulesText', rulesText)) patch.rulesText = rulesText!
    if (change('settings', input.settings)) patch.settings = input.settings
    if (Object.keys(patch).length === 0) return current
    const updated = (await updateSite(trx, id, patch))!
    await recordAudit(trx, { siteId: id, actorId: staff.accountId, action: 'site.update', targetType: 'site', targetId: id, before, after, at: deps.now() })
    await deps.changes.publish(trx, { type: 'site', site: id })
    return updated
  })
  deps.sites.invalidate(id)
  return toAdminSite(row)
}

/** Replaces the site's SSO secret; the new one is answered once and never stored in the audit. */
export async function rotateSsoSecret(deps: AppDeps, staff: Staff, id: string): Promise<{ ssoSecret: string }> {
  const ssoSecret = randomBytes(32).toString('base64url')
  await deps.changes.transaction(deps.db, async (trx) => {
    const current = await lockSite(trx, id)
    if (!current) throw notFound('site_not_found', { site: id })
    await updateSite(trx, id, { ssoSecret })
    await recordAudit(trx, {
      siteId: id,
      actorId: staff.accountId,
      action: 'site.sso_rotate',
      targetType: 'site',
      targetId: id,
      before: { ssoConfigured: !!current.sso_secret },
      after: { ssoConfigured: true },
      at: deps.now(),
    })
    await deps.changes.publish(trx, { type: 'site', site: id })
  })
  deps.sites.invalidate(id)
  return { ssoSecret }
}

/** The rules' verdict on a text under the site's current settings, without posting anything. */
export async function checkRules(deps: AppDeps, id: string, body: string) {
  const row = await findSite(deps.db, id)
  if (!row) throw notFound('site_not_found', { site: id })
  const site = toSite(row)
  return rulesCheckLine(body, { settings: site.settings.rules, siteName: site.name, authorApprovedCount: 0 })
}

function cleanRulesText(text: { fr?: string | undefined; en?: string | undefined }): Record<string, string> {
  const out: Record<string, string> = {}
  if (text.fr !== undefined) out.fr = text.fr.trim()
  if (text.en !== undefined) out.en = text.en.trim()
  return out
}
