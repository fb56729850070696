import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { z } from 'zod'
import { accountsList, createAccount } from '../accounts/accounts.service.ts'
import { siteIdSchema } from '../http/params.ts'
import { notFound } from '../http/errors.ts'
import { jsonBody } from '../http/validate.ts'
import { documentOperations } from '../openapi/openapi.document.ts'
import { siteSettingsSchema } from '../sites/site-settings.ts'
import { normalizeOrigin } from '../sites/site.ts'
import { requireAdmin, requireSession, staffOf } from '../staff/staff-guard.ts'
import { adminSite, adminSites, checkRules, createSite, rotateSsoSecret, updateSiteSettings } from './sites.service.ts'

const origin = z
  .string()
  .trim()
  .max(300)
  .refine((o) => normalizeOrigin(o) !== undefined, 'origin')
  .transform((o) => normalizeOrigin(o)!)

const siteFields = {
  name: z.string().trim().min(1).max(200),
  allowedOrigins: z.array(origin).max(100),
  rulesText: z.strictObject({ fr: z.string().max(20_000).optional(), en: z.string().max(20_000).optional() }),
  /** The whole settings object, validated (and completed with defaults) by the site settings schema. */
  settings: siteSettingsSchema,
}

export const siteCreateSchema = z.strictObject({
  id: siteIdSchema,
  name: siteFields.name,
  allowedOrigins: siteFields.allowedOrigins.optional(),
  rulesText: siteFields.rulesText.optional(),
  settings: siteFields.settings.optional(),
})

export const siteUpdateSchema = z.strictObject({
  name: siteFields.name.optional(),
  allowedOrigins: siteFields.allowedOrigins.optional(),
  rulesText: siteFields.rulesText.optional(),
  settings: siteFields.settings.optional(),
})

export const moderatorSchema = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(10).max(200),
  name: z.string().trim().min(1).max(100).optional(),
  role: z.enum(['admin', 'moderator']).default('moderator'),
  sites: z.array(siteIdSchema).max(100).default([]),
})

export const rulesCheckSchema = z.strictObject({ body: z.string().max(20_000) })

function siteId(c: { req: { param(name: string): string | undefined } }): string {
  const id = c.req.param('site') ?? ''
  if (!siteIdSchema.safeParse(id).success) throw notFound('site_not_found', { site: id.slice(0, 64) })
  return id
}

/** The admin API (SPEC §6): sites, their rules and settings, and staff accounts. Admins only. */
export const adminRoutes = new Hono<AppEnv>()
  .use('/admin/*', requireSession, async (c, next) => {
    requireAdmin(staffOf(c))
    await next()
  })
  .get('/admin/sites', async (c) => c.json({ sites: await adminSites(c.get('deps')) }))
  .post('/admin/sites', async (c) => {
    const input = await jsonBody(c, siteCreateSchema)
    return c.json({ site: await createSite(c.get('deps'), staffOf(c), input) }, 201)
  })
  .get('/admin/sites/:site', async (c) => c.json({ site: await adminSite(c.get('deps'), siteId(c)) }))
  .put('/admin/sites/:site', async (c) => {
    const id = siteId(c)
    const input = await jsonBody(c, siteUpdateSchema)
    return c.json({ site: await updateSiteSettings(c.get('deps'), staffOf(c), id, input) })
  })
  .post('/admin/sites/:site/sso-secret', async (c) => {
    return c.json(await rotateSsoSecret(c.get('deps'), staffOf(c), siteId(c)))
  })
  .post('/admin/sites/:site/rules/check', async (c) => {
    const id = siteId(c)
    const { body } = await jsonBody(c, rulesCheckSchema)
    return c.json(await checkRules(c.get('deps'), id, body))
  })
  .get('/admin/moderators', async (c) => c.json({ accounts: await accountsList(c.get('deps')) }))
  .post('/admin/moderators', async (c) => {
    const input = await jsonBody(c, moderatorSchema)
    const account = await createAccount(c.get('deps'), input, staffOf(c).accountId)
    return c.json({ account }, 201)
  })

const adminErrors = { '401': 'No session', '403': 'Not an admin, cross-site, or bad CSRF token', '400': 'Invalid input' }
documentOperations([
  { method: 'get', path: '/admin/sites', tag: 'admin', auth: 'session', summary: 'Every site', responses: { '200': '{sites}', ...adminErrors } },
  { method: 'post', path: '/admin/sites', tag: 'admin', auth: 'session', summary: 'Create a site', body: siteCreateSchema, responses: { '201': '{site}', '409': 'site_exists', ...adminErrors } },
  { method: 'get', path: '/admin/sites/{site}', tag: 'admin', auth: 'session', summary: 'A site with its origins, rules text and settings', responses: { '200': '{site}', '404': 'Unknown site', ...adminErrors } },
  { method: 'put', path: '/admin/sites/{site}', tag: 'admin', auth: 'session', summary: 'Change name, origins, rules text (fr/en) or settings; audited; applies to the next comment', body: siteUpdateSchema, responses: { '200': '{site}', '404': 'Unknown site', ...adminErrors } },
  { method: 'post', path: '/admin/sites/{site}/sso-secret', tag: 'admin', auth: 'session', summary: 'Rotate the SSO secret (answered once)', responses: { '200': '{ssoSecret}', ...adminErrors } },
  { method: 'post', path: '/admin/sites/{site}/rules/check', tag: 'admin', auth: 'session', summary: 'Dry-run the rules on a text', body: rulesCheckSchema, responses: { '200': '{action, matches}', ...adminErrors } },
  { method: 'get', path: '/admin/moderators', tag: 'admin', auth: 'session', summary: 'Staff accounts', responses: { '200': '{accounts}', ...adminErrors } },
  { method: 'post', path: '/admin/moderators', tag: 'admin', auth: 'session', summary: 'Create a moderator or admin account', body: moderatorSchema, responses: { '201': '{account}', '409': 'account_exists', ...adminErrors } },
])
