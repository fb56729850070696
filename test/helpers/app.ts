import { createApp, type App } from '../../server/app.ts'
import { DEFAULT_LIMITS, type AppDeps } from '../../server/context.ts'
import { ChangeBus } from '../../server/events/change-bus.ts'
import { LiveHub } from '../../server/live/live-hub.ts'
import { ThreadPageCache } from '../../server/threads/thread-cache.ts'
import { SiteDirectory } from '../../server/sites/site-directory.ts'
import type { LoadedPage } from '../../server/threads/threads.service.ts'
import { insertSite } from '../../server/sites/sites.repository.ts'
import { afterAll, beforeAll } from 'vitest'
import { createTestDatabase, type TestDatabase } from './db.ts'

/** A clock tests can move: edit windows and rate limits are crossed without waiting. */
export class TestClock {
  private offsetMs = 0
  now = () => new Date(Date.now() + this.offsetMs)
  advance(ms: number) {
    this.offsetMs += ms
  }
}

export interface TestApp {
  app: App
  deps: AppDeps
  clock: TestClock
  /** `app.request` with JSON in and out, and the reader token or headers when given. */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>
}

/** The application over a test database, driven in-process through `app.request()`. */
export async function createTestApp(database: TestDatabase): Promise<TestApp> {
  const clock = new TestClock()
  const changes = new ChangeBus(database.handle)
  await changes.start()
  const threadCache = new ThreadPageCache<LoadedPage>((loaded) => loaded.page)
  threadCache.attach(changes)
  const deps: AppDeps = {
    db: database.handle.db,
    sites: new SiteDirectory(database.handle.db, 0),
    changes,
    threadCache,
    secret: new TextEncoder().encode('test-secret-test-secret-test-secret!'),
    publicUrl: 'http://palabre.test',
    now: clock.now,
    limits: { ...DEFAULT_LIMITS, guestsPerHour: 100_000 },
    live: new LiveHub(database.handle.db, 100),
  }
  deps.live.attach(changes)
  const app = createApp(deps)
  return {
    app,
    deps,
    clock,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers }
      if (options.token) headers.authorization = `Bearer ${options.token}`
      let body: string | undefined
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
        headers['content-type'] ??= 'application/json'
      }
      const res = await app.request(path, { method, headers, body })
      const text = await res.text()
      let parsed: unknown = text
      try {
        parsed = text ? JSON.parse(text) : undefined
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers }
    },
  }
}

let siteCounter = 0

/** A site of the test's own, with settings relaxed where a test does not exercise them. */
export async function createTestSite(
  deps: AppDeps,
  options: { settings?: Record<string, unknown>; origins?: string[]; ssoSecret?: string; name?: string } = {},
): Promise<string> {
  const id = `site-${process.pid}-${Date.now().toString(36)}-${siteCounter++}`
  await insertSite(deps.db, {
    id,
    name: options.name ?? 'Le Journal de Test',
    allowedOrigins: options.origins ?? ['https://news.example.org'],
    settings: options.settings ?? { rules: { rate: { minIntervalSeconds: 0, perHour: 10_000, newReaderMinIntervalSeconds: 0 } } },
    ssoSecret: options.ssoSecret ?? null,
  })
  return id
}

/** A guest reader's token on a site. */
export async function createGuest(t: TestApp, site: string, name = 'Camille'): Promise<string> {
  const res = await t.call('POST', `/api/v1/sites/${site}/readers`, { body: { name } })
  if (res.status !== 201) throw new Error(`guest: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.token as string
}

/**
 * One test database and app for a whole test file: created before its tests, dropped after them.
 * `use` receives the app, e.g. `let t: TestApp; useTestApp((app) => (t = app))`.
 */
export function useTestApp(use: (app: TestApp) => void): void {
  let database: TestDatabase | undefined
  let app: TestApp | undefined
  beforeAll(async () => {
    database = await createTestDatabase()
    app = await createTestApp(database)
    use(app)
  })
  afterAll(async () => {
    await app?.deps.changes.stop()
    await database?.destroy()
  })
}
