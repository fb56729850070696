import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppDeps, AppEnv } from './context.ts'
import { commentRoutes } from './comments/comments.routes.ts'
import { siteCors } from './http/cors.ts'
import { handleError } from './http/error-handler.ts'
import { fail } from './http/errors.ts'
import { requestLang } from './http/i18n.ts'
import { openApiRoutes } from './openapi/openapi.routes.ts'
import { readerAuth } from './readers/reader-auth.ts'
import { readerRoutes } from './readers/readers.routes.ts'
import { threadRoutes } from './threads/threads.routes.ts'
// Moderation and admin (issue 5): same-origin staff routes with their own session guard.
import { authRoutes } from './accounts/auth.routes.ts'
import { adminRoutes } from './admin/admin.routes.ts'
import { moderationRoutes } from './moderation/moderation.routes.ts'
import { liveRoutes } from './live/live.routes.ts'

/** Request bodies above this are refused before they are read: comments are ≤ 2,000 characters. */
export const MAX_BODY_BYTES = 64 * 1024

const checkBodySize = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw fail(413, 'payload_too_large', { limit: MAX_BODY_BYTES })
  },
})

/**
 * The body limit, for requests that carry a body. GET and HEAD skip it: looking for a body makes the
 * Node adapter build a full Request, which costs the hot read path a good share of its time.
 */
const limit: MiddlewareHandler<AppEnv> = (c, next) =>
  c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : checkBodySize(c, next)

/** The reader API of SPEC §4, mounted under `/api/v1`. */
function readerApi() {
  // Only the reader routes: moderation and admin routes are same-origin, with their own guards.
  return new Hono<AppEnv>()
    .use('/sites/*', siteCors, limit, readerAuth)
    .use('/comments/*', siteCors, limit, readerAuth)
    .route('/', readerRoutes)
    .route('/', threadRoutes)
    .route('/', commentRoutes)
    .route('/', liveRoutes)
}

/** The moderation and admin API of SPEC §6, mounted under `/api/v1` (issue 5). */
function staffApi() {
  return new Hono<AppEnv>()
    .use('/auth/*', limit)
    .use('/moderation/*', limit)
    .use('/admin/*', limit)
    .route('/', authRoutes)
    .route('/', moderationRoutes)
    .route('/', adminRoutes)
}

/**
 * The whole HTTP application. Pure wiring: every dependency comes in through `deps`, so tests drive
 * it with `app.request()` and the server, the benchmarks and the CLI build it the same way.
 */
export function createApp(deps: AppDeps, extra?: (app: Hono<AppEnv>) => void) {
  const app = new Hono<AppEnv>()
  app.use(async (c, next) => {
    c.set('deps', deps)
    c.set('lang', requestLang(c))
    c.set('viewer', undefined)
    // Set before the response exists: changing a finished response makes the adapter copy it.
    c.header('X-Content-Type-Options', 'nosniff')
    await next()
  })
  app.route('/api/v1', openApiRoutes)
  app.route('/api/v1', readerApi())
  // Staff API (issue 5): no reader CORS/auth here; each sub-app guards itself (session, Origin, CSRF).
  app.route('/api/v1', staffApi())
  extra?.(app)
  app.notFound((c) => {
    const error = fail(404, 'not_found')
    return c.json(error.body(c.get('lang') ?? 'fr'), 404)
  })
  app.onError(handleError)
  return app
}

export type App = ReturnType<typeof createApp>
