import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from '../context.ts'
import { AppError, fail } from './errors.ts'
import { requestLang } from './i18n.ts'

/** PostgreSQL and driver errors that mean "the database is unreachable", not "a bug". */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '53300'])

/**
 * The one place errors become responses: domain errors with their status and localized message;
 * a lost database as 503 (the client retries, its text kept); anything else as a logged 500 without
 * a stack trace in the answer.
 */
export function handleError(err: Error, c: Context<AppEnv>) {
  const lang = safeLang(c)
  let error: AppError
  if (err instanceof AppError) {
    error = err
  } else if (err instanceof HTTPException && err.status < 500) {
    error = fail(err.status as 400, err.status === 413 ? 'payload_too_large' : 'invalid_request', {
      limit: 65_536,
      detail: err.message,
    })
  } else if (isUnavailable(err)) {
    error = fail(503, 'unavailable', {}, {}, { 'Retry-After': '2' })
  } else {
    console.error('[palabre] unexpected error on', c.req.method, c.req.path, err)
    error = fail(500, 'internal')
  }
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value)
  return c.json(error.body(lang), error.status)
}

function isUnavailable(err: Error): boolean {
  const code = (err as { code?: string }).code
  return (code !== undefined && UNAVAILABLE.has(code)) || /Connection terminated|timeout exceeded when trying to connect/i.test(err.message)
}

function safeLang(c: Context<AppEnv>) {
  try {
    return c.get('lang') ?? requestLang(c)
  } catch {
    return 'fr' as const
  }
}
