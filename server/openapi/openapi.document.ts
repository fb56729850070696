import { z } from 'zod'
import { guestSchema, ssoSchema } from '../readers/readers.routes.ts'
import { editSchema, newCommentSchema, reportSchema } from '../comments/comments.routes.ts'
import { threadQuerySchema } from '../threads/threads.routes.ts'

/** One documented operation. Schemas are the very Zod schemas the routes validate with. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  path: string
  summary: string
  tag: string
  body?: z.ZodType
  query?: z.ZodObject
  responses: Record<string, string>
  auth?: 'reader' | 'session'
}

const errors = { '400': 'Invalid input', '404': 'Not found' }

/** The reader API (SPEC §4). Other features add their operations with `documentOperations`. */
const operations: Operation[] = [
  { method: 'post', path: '/sites/{site}/readers', tag: 'readers', summary: 'Create a guest identity', body: guestSchema, responses: { '201': '{token, reader}', '422': 'Display name breaks a rule', ...errors } },
  { method: 'post', path: '/sites/{site}/sso', tag: 'readers', summary: 'Sign in with the site account (HS256 JWT)', body: ssoSchema, responses: { '200': '{token, reader}', '401': 'Invalid or expired token', ...errors } },
  { method: 'get', path: '/sites/{site}/threads/{article}', tag: 'threads', summary: 'A page of a thread with nested replies', query: threadQuerySchema, responses: { '200': '{thread, comments, nextCursor}', ...errors } },
  { method: 'get', path: '/sites/{site}/counts', tag: 'threads', summary: 'Comment counts for several articles (?article=a&article=b)', responses: { '200': '{counts}', ...errors } },
  { method: 'get', path: '/sites/{site}/rules', tag: 'threads', summary: 'The rules of conduct, localized', responses: { '200': '{title, text, limits}', ...errors } },
  { method: 'post', path: '/sites/{site}/threads/{article}/comments', tag: 'comments', auth: 'reader', summary: 'Post a comment or a reply (honours Idempotency-Key)', body: newCommentSchema, responses: { '201': '{comment, outcome, notice?}', '403': 'Sanctioned', '409': 'Thread closed', '422': 'Rule violation', '429': 'Rate limited (Retry-After)', ...errors } },
  { method: 'get', path: '/comments/{id}/replies', tag: 'comments', summary: 'More replies of a comment', responses: { '200': '{comments, nextCursor}', ...errors } },
  { method: 'patch', path: '/comments/{id}', tag: 'comments', auth: 'reader', summary: 'Edit within the edit window', body: editSchema, responses: { '200': '{comment, outcome}', '403': 'Not the author or window passed', '422': 'Rule violation', ...errors } },
  { method: 'delete', path: '/comments/{id}', tag: 'comments', auth: 'reader', summary: 'Delete (a tombstone when it has replies)', responses: { '204': 'Deleted', '403': 'Not the author', ...errors } },
  { method: 'post', path: '/comments/{id}/reactions', tag: 'comments', auth: 'reader', summary: 'Like', responses: { '200': '{liked, likes}', ...errors } },
  { method: 'delete', path: '/comments/{id}/reactions', tag: 'comments', auth: 'reader', summary: 'Unlike', responses: { '200': '{liked, likes}', ...errors } },
  { method: 'post', path: '/comments/{id}/reports', tag: 'comments', auth: 'reader', summary: 'Report a comment', body: reportSchema, responses: { '201': '{reported, hidden}', '409': 'Already reported', '429': 'Rate limited', ...errors } },
  { method: 'get', path: '/sites/{site}/threads/{article}/events', tag: 'threads', summary: 'Server-sent events: new, edited, removed comments', responses: { '200': 'text/event-stream', ...errors } },
  { method: 'get', path: '/openapi.json', tag: 'meta', summary: 'This document', responses: { '200': 'OpenAPI 3.1' } },
]

/** Lets a feature document its routes beside the reader API. */
export function documentOperations(more: Operation[]): void {
  operations.push(...more)
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string', description: 'In the request language (?lang= or Accept-Language)' } },
    },
  },
}

/** The OpenAPI 3.1 document for every route under `/api/v1`. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of operations) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(op.query ? (z.toJSONSchema(op.query, { io: 'input' }).properties ?? {}) : {}).map(
        ([name, schema]) => ({ name, in: 'query', required: false, schema }),
      ),
      { name: 'lang', in: 'query', required: false, schema: { enum: ['fr', 'en'] } },
    ]
    paths[op.path] ??= {}
    paths[op.path]![op.method] = {
      tags: [op.tag],
      summary: op.summary,
      parameters: dedupe(parameters),
      ...(op.auth && { security: [op.auth === 'reader' ? { readerToken: [] } : { session: [] }] }),
      ...(op.body && {
        requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input' }) } } },
      }),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, description]) => [
          status,
          Number(status) >= 400 ? { description, content: { 'application/json': { schema: errorSchema } } } : { description },
        ]),
      ),
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Palabre API', version: '1', description: 'Comments for news sites: reader, moderation and admin API.' },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: {
        readerToken: { type: 'http', scheme: 'bearer', description: 'Reader token from /readers or /sso' },
        session: { type: 'apiKey', in: 'cookie', name: 'palabre_session' },
      },
    },
    paths,
  }
}

function dedupe<T extends { name?: string; in: string }>(params: T[]): T[] {
  const seen = new Set<string>()
  return params.filter((p) => !seen.has(`${p.in}:${p.name}`) && !!seen.add(`${p.in}:${p.name}`))
}
