import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { fail } from '../http/errors.ts'
import { articleParam, commentIdParam, commentIdSchema, cursorSchema, siteParam } from '../http/params.ts'
import { clientKey } from '../http/client-ip.ts'
import { requestLang } from '../http/i18n.ts'
import { jsonBody, queryParams } from '../http/validate.ts'
import { requireViewer } from '../readers/reader-auth.ts'
import { REPORT_REASONS } from '../reports/report-reasons.ts'
import { reportComment } from '../reports/reports.service.ts'
import { readReplies } from '../threads/threads.service.ts'
import { deleteComment, editComment, postComment } from './comments.service.ts'
import { likeComment, unlikeComment } from './reactions.service.ts'

/**
 * Bodies are bounded well above the `length` rule's maximum, so an overlong comment gets the rule's
 * friendly refusal (with the limit) rather than a bare validation error.
 */
export const commentBody = z.string().max(20_000)

export const newCommentSchema = z.strictObject({
  body: commentBody,
  parentId: commentIdSchema.optional(),
  title: z.string().trim().max(300).optional(),
  url: z.string().trim().max(2000).optional(),
})

export const editSchema = z.strictObject({ body: commentBody })

export const reportSchema = z.strictObject({
  reason: z.enum(REPORT_REASONS),
  note: z.string().trim().max(500).optional(),
})

const repliesQuerySchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  lang: z.enum(['fr', 'en']).optional(),
})

const idempotencyKey = z.string().regex(/^[\x21-\x7e]{8,128}$/)

/** Writing: posting, replying, editing, deleting, liking and reporting comments. */
export const commentRoutes = new Hono<AppEnv>()
  .post('/sites/:site/threads/:article/comments', async (c) => {
    const site = await siteParam(c)
    const article = articleParam(c)
    const viewer = requireViewer(c)
    const input = await jsonBody(c, newCommentSchema)
    const key = c.req.header('idempotency-key')
    if (key !== undefined && !idempotencyKey.safeParse(key).success) {
      throw fail(400, 'invalid_request', { detail: 'Idempotency-Key' }, { field: 'Idempotency-Key' })
    }
    const result = await postComment(c.get('deps'), site, viewer, { ...input, article }, {
      lang: requestLang(c),
      idempotencyKey: key,
      ipHash: clientKey(c),
    })
    return c.json(result.body as object, result.status as 201)
  })
  .get('/comments/:id/replies', async (c) => {
    const id = commentIdParam(c)
    const query = queryParams(c, repliesQuerySchema)
    return c.json(await readReplies(c.get('deps'), id, query, c.get('viewer')))
  })
  .patch('/comments/:id', async (c) => {
    const id = commentIdParam(c)
    const viewer = requireViewer(c)
    const { body } = await jsonBody(c, editSchema)
    return c.json(await editComment(c.get('deps'), viewer, id, body, requestLang(c)))
  })
  .delete('/comments/:id', async (c) => {
    const id = commentIdParam(c)
    await deleteComment(c.get('deps'), requireViewer(c), id)
    return c.body(null, 204)
  })
  .post('/comments/:id/reactions', async (c) => {
    const id = commentIdParam(c)
    return c.json(await likeComment(c.get('deps'), requireViewer(c), id))
  })
  .delete('/comments/:id/reactions', async (c) => {
    const id = commentIdParam(c)
    return c.json(await unlikeComment(c.get('deps'), requireViewer(c), id))
  })
  .post('/comments/:id/reports', async (c) => {
    const id = commentIdParam(c)
    const viewer = requireViewer(c)
    const input = await jsonBody(c, reportSchema)
    return c.json(await reportComment(c.get('deps'), viewer, id, input), 201)
  })
