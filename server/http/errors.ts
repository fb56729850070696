import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Lang } from './i18n.ts'
import { message, type MessageCode } from './messages.ts'

/**
 * A failure the client should hear about: an HTTP status, a stable code, and a message built in the
 * request's language when answered. Services throw these; the one error handler answers them.
 */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    /** Builds the human message in a language. */
    readonly localize: (lang: Lang) => string,
    /** Extra fields sent beside `code` and `message` (e.g. `rule`, `spans`, `field`). */
    readonly extra: Record<string, unknown> = {},
    /** Response headers (e.g. `Retry-After`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(code)
  }

  body(lang: Lang) {
    return { error: { code: this.code, message: this.localize(lang), ...this.extra } }
  }
}

/** An error whose message comes from the catalogue in `messages.ts`. */
export function fail(
  status: ContentfulStatusCode,
  code: MessageCode,
  params?: Record<string, unknown>,
  extra?: Record<string, unknown>,
  headers?: Record<string, string>,
): AppError {
  return new AppError(status, code, (lang) => message(code, lang, params), extra, headers)
}

export const notFound = (code: MessageCode = 'not_found', params?: Record<string, unknown>) =>
  fail(404, code, params)
export const forbidden = (code: MessageCode = 'forbidden', params?: Record<string, unknown>) =>
  fail(403, code, params)
export const badRequest = (code: MessageCode, params?: Record<string, unknown>) =>
  fail(400, code, params)
export const unauthorized = (code: MessageCode = 'auth_required') => fail(401, code)
export const conflict = (code: MessageCode, params?: Record<string, unknown>) =>
  fail(409, code, params)

/** 429 with the seconds to wait, in the body and in `Retry-After`. */
export function rateLimited(retryAfterSeconds: number, extra: Record<string, unknown> = {}) {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds))
  return fail(429, 'rate_limited', { seconds }, { retryAfter: seconds, ...extra }, {
    'Retry-After': String(seconds),
  })
}
