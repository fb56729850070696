import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { z } from 'zod'
import { notFound } from '../http/errors.ts'
import { commentIdParam, commentIdSchema, cursorSchema, siteIdSchema } from '../http/params.ts'
import { check, jsonBody, queryParams } from '../http/validate.ts'
import { documentOperations } from '../openapi/openapi.document.ts'
import { requireSession, staffOf } from '../staff/staff-guard.ts'
import { readAudit } from './audit.service.ts'
import { decideComment } from './decisions.service.ts'
import { QUEUES } from './queue.repository.ts'
import { readQueue } from './queue.service.ts'
import { liftSanction, readerSanctions, sanctionReader } from './sanctions.service.ts'
import { accessibleSites } from './sites.service.ts'

const lang = z.enum(['fr', 'en']).optional()

export const queueQuerySchema = z.strictObject({
  site: siteIdSchema.optional(),
  queue: z.enum(QUEUES).default('pending'),
  cursor: cursorSchema.optional(),
  lang,
})

export const auditQuerySchema = z.strictObject({
  site: siteIdSchema.optional(),
  cursor: cursorSchema.optional(),
  lang,
})

export const decisionSchema = z.strictObject({
  action: z.enum(['approve', 'reject']),
  reason: z.string().trim().min(1).max(500).optional(),
  override: z.boolean().optional(),
})

export const sanctionSchema = z.strictObject({
  kind: z.enum(['warn', 'suspend', 'ban', 'premod']),
  until: z.iso.datetime({ offset: true }).optional(),
  reason: z.string().trim().min(1).max(500),
})

function idParam(c: { req: { param(name: string): string | undefined } }, name: string, code: 'reader_not_found' | 'sanction_not_found') {
  const parsed = commentIdSchema.safeParse(c.req.param(name))
  if (!parsed.success) throw notFound(code)
  return parsed.data
}

/** The moderator API (SPEC §6): queues, decisions, sanctions, audit. Session, same origin, CSRF. */
export const moderationRoutes = new Hono<AppEnv>()
  .use('/moderation/*', requireSession)
  .get('/moderation/sites', async (c) => c.json({ sites: await accessibleSites(c.get('deps'), staffOf(c)) }))
  .get('/moderation/queue', async (c) => {
    const query = queryParams(c, queueQuerySchema)
    c.header('Cache-Control', 'no-store')
    return c.json(await readQueue(c.get('deps'), staffOf(c), query))
  })
  .post('/moderation/comments/:id/decision', async (c) => {
    const id = commentIdParam(c)
    const input = await jsonBody(c, decisionSchema)
    const result = await decideComment(c.get('deps'), staffOf(c), id, input)
    return c.json(result)
  })
  .get('/moderation/readers/:id', async (c) => {
    const id = idParam(c, 'id', 'reader_not_found')
    return c.json(await readerSanctions(c.get('deps'), staffOf(c), id))
  })
  .post('/moderation/readers/:id/sanctions', async (c) => {
    const id = idParam(c, 'id', 'reader_not_found')
    const input = await jsonBody(c, sanctionSchema)
    const until = input.until ? new Date(input.until) : undefined
    const sanction = await sanctionReader(c.get('deps'), staffOf(c), id, { ...input, until })
    return c.json({ sanction }, 201)
  })
  .delete('/moderation/readers/:id/sanctions/:sid', async (c) => {
    const id = idParam(c, 'id', 'reader_not_found')
    const sid = idParam(c, 'sid', 'sanction_not_found')
    const { reason } = check(z.object({ reason: z.string().trim().max(500).optional() }), { reason: c.req.query('reason') })
    const sanction = await liftSanction(c.get('deps'), staffOf(c), id, sid, reason)
    return c.json({ sanction })
  })
  .get('/moderation/audit', async (c) => {
    const query = queryParams(c, auditQuerySchema)
    c.header('Cache-Control', 'no-store')
    return c.json(await readAudit(c.get('deps'), staffOf(c), query))
  })

const staffErrors = { '401': 'No session', '403': 'Wrong role or site, cross-site, or bad CSRF token', '400': 'Invalid input' }
documentOperations([
  { method: 'get', path: '/moderation/sites', tag: 'moderation', auth: 'session', summary: 'Sites the account moderates', responses: { '200': '{sites}', ...staffErrors } },
  { method: 'get', path: '/moderation/queue', tag: 'moderation', auth: 'session', summary: 'A queue page: urgent first then oldest (pending, reported); newest first (approved, rejected, all)', query: queueQuerySchema, responses: { '200': '{items, nextCursor, counts}', ...staffErrors } },
  { method: 'post', path: '/moderation/comments/{id}/decision', tag: 'moderation', auth: 'session', summary: 'Approve or reject; idempotent; audited', body: decisionSchema, responses: { '200': '{comment, changed}', '409': 'already_decided (with outcome)', ...staffErrors } },
  { method: 'get', path: '/moderation/readers/{id}', tag: 'moderation', auth: 'session', summary: 'A reader’s history and sanctions', responses: { '200': '{reader, sanctions}', ...staffErrors } },
  { method: 'post', path: '/moderation/readers/{id}/sanctions', tag: 'moderation', auth: 'session', summary: 'Warn, suspend until a date, ban, or pre-moderate; audited', body: sanctionSchema, responses: { '201': '{sanction}', '422': 'until required', ...staffErrors } },
  { method: 'delete', path: '/moderation/readers/{id}/sanctions/{sid}', tag: 'moderation', auth: 'session', summary: 'Lift a sanction; audited', responses: { '200': '{sanction}', ...staffErrors } },
  { method: 'get', path: '/moderation/audit', tag: 'moderation', auth: 'session', summary: 'Who did what, when, to what and why (newest first)', query: auditQuerySchema, responses: { '200': '{entries, nextCursor}', ...staffErrors } },
])
