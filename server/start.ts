import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { createApp } from './app.ts'
import { resolveSecret } from './config.ts'
import { DEFAULT_LIMITS, type AppDeps, type InstanceLimits } from './context.ts'
import { openDatabase } from './db/client.ts'
import { migrateToLatest } from './db/migrate.ts'
import { ChangeBus } from './events/change-bus.ts'
import { LiveHub } from './live/live-hub.ts'
import { ThreadPageCache } from './threads/thread-cache.ts'
import { SiteDirectory } from './sites/site-directory.ts'
import type { LoadedPage } from './threads/threads.service.ts'
import { assetRoutes, demoPageRoutes } from './static/static.routes.ts'
import { seedDemo } from '../demo/seed.ts'
import { ensureAccount } from './accounts/accounts.service.ts'

export interface StartOptions {
  /** 0 picks a free port. */
  port?: number
  host?: string
  databaseUrl?: string | undefined
  /** PostgreSQL connections of this instance (DATABASE_URL only). */
  poolSize?: number | undefined
  /** How long first pages stay cached (0: never, every read goes to the database). */
  pageCacheTtlMs?: number | undefined
  dataDir?: string
  /** Serve the demo pages and make sure the `demo` site and its discussion exist. */
  demo?: boolean
  publicUrl?: string | undefined
  /** Also serve the cross-origin demo page on this port (0 = any), to prove cross-origin embedding. */
  secondOriginPort?: number
  secret?: string | undefined
  limits?: Partial<InstanceLimits>
  /** Creates this admin at start when absent (else PALABRE_ADMIN_EMAIL / PALABRE_ADMIN_PASSWORD). */
  adminEmail?: string | undefined
  adminPassword?: string | undefined
  log?: (line: string) => void
}

export interface RunningPalabre {
  url: string
  secondOriginUrl?: string
  deps: AppDeps
  close(): Promise<void>
}

/** Opens the database, applies migrations, and serves the whole application until `close()`. */
export async function startPalabre(options: StartOptions = {}): Promise<RunningPalabre> {
  const log = options.log ?? (() => undefined)
  const dataDir = options.dataDir ?? './.palabre'
  const handle = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: `${dataDir}/db`,
    poolSize: options.poolSize,
  })
  const applied = await migrateToLatest(handle.db)
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`)

  const changes = new ChangeBus(handle)
  await changes.start()
  const sites = new SiteDirectory(handle.db)
  changes.on((event) => event.type === 'site' && sites.invalidate(event.site))
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const threadCache = new ThreadPageCache<LoadedPage>((loaded) => loaded.page, {
    ttlMs: options.pageCacheTtlMs ?? ThreadPageCache.DEFAULT_TTL_MS,
    maxEntries: 5_000,
  })
  threadCache.attach(changes)
  const deps: AppDeps = {
    db: handle.db,
    sites,
    changes,
    threadCache,
    secret: resolveSecret({ secret: options.secret, dataDir }),
    publicUrl: '',
    now: () => new Date(),
    limits,
    live: new LiveHub(handle.db, limits.liveStreams),
  }
  deps.live.attach(changes)

  // Issue 5: the start-up admin, created once; an existing account is left as it is.
  const adminEmail = options.adminEmail ?? process.env.PALABRE_ADMIN_EMAIL
  const adminPassword = options.adminPassword ?? process.env.PALABRE_ADMIN_PASSWORD
  if (adminEmail && adminPassword) {
    if (await ensureAccount(deps, { email: adminEmail, password: adminPassword, role: 'admin' })) {
      log(`admin account created: ${adminEmail}`)
    }
  }

  let serverUrl = ''
  const app = createApp(deps, (root) => {
    root.route('/', assetRoutes())
    if (options.demo) {
      root.route('/', demoPageRoutes(() => serverUrl, {
        '/': 'index.html',
        '/en/': 'en.html',
        '/articles/': 'articles.html',
      }))
    }
  })
  const server = await listen(app.fetch, options.port ?? 8787, options.host ?? '0.0.0.0')
  const localUrl = `http://localhost:${(server.address() as AddressInfo).port}`
  serverUrl = options.publicUrl?.replace(/\/+$/, '') || localUrl
  deps.publicUrl = serverUrl

  let second: ServerType | undefined
  let secondOriginUrl: string | undefined
  if (options.demo && options.secondOriginPort !== undefined) {
    const other = new Hono().route('/', demoPageRoutes(() => serverUrl, { '/': 'cross-origin.html' }))
    second = await listen(other.fetch, options.secondOriginPort, options.host ?? '0.0.0.0')
    secondOriginUrl = `http://127.0.0.1:${(second.address() as AddressInfo).port}`
  }
  if (options.demo) {
    await seedDemo(deps, { origins: [serverUrl, localUrl, localUrl.replace('localhost', '127.0.0.1'), secondOriginUrl] })
  }

  let closed = false
  return {
    url: serverUrl,
    ...(secondOriginUrl && { secondOriginUrl }),
    deps,
    async close() {
      if (closed) return
      closed = true
      await Promise.all([closeServer(server), second && closeServer(second)])
      await changes.stop()
      await handle.close()
    },
  }
}

function listen(fetch: (req: Request) => Response | Promise<Response>, port: number, hostname: string) {
  return new Promise<ServerType>((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server))
    server.once('error', reject)
  })
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    // Keep-alive and streaming connections would hold close() open: end them.
    ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
  })
}
