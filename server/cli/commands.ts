import { createInterface } from 'node:readline'
import type { Config } from '../config.ts'
import { openDatabase } from '../db/client.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { startPalabre, type RunningPalabre } from '../start.ts'
import { insertSite } from '../sites/sites.repository.ts'
import { toSite } from '../sites/site.ts'
import { findSite } from '../sites/sites.repository.ts'
import { rulesCheckLine } from '../rules/rules-check.ts'
import { buildAssets, ensureBuilt } from './build-assets.ts'
import { createAccount } from '../accounts/accounts.service.ts'
import { DEMO_MODERATOR } from '../../demo/seed.ts'

type Options = Record<string, string | string[] | boolean | undefined>
type Command = (config: Config, options: Options) => Promise<void>

function required(options: Options, name: string): string {
  const value = options[name]
  const text = Array.isArray(value) ? value[0] : value
  if (typeof text !== 'string' || text.trim() === '') throw new Error(`--${name} is required`)
  return text.trim()
}

async function withDatabase<T>(config: Config, work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/db` })
  try {
    await migrateToLatest(handle.db)
    return await work(handle)
  } finally {
    await handle.close()
  }
}

/** Serves until SIGTERM/SIGINT, then closes the server and the database cleanly. */
async function serveUntilStopped(config: Config, demo: boolean): Promise<void> {
  await ensureBuilt((line) => console.log(line))
  const running: RunningPalabre = await startPalabre({
    port: config.port,
    host: config.host,
    databaseUrl: config.databaseUrl,
    poolSize: config.poolSize,
    pageCacheTtlMs: config.pageCacheTtlMs,
    dataDir: config.dataDir,
    publicUrl: config.publicUrl,
    secret: config.secret,
    adminEmail: config.adminEmail,
    adminPassword: config.adminPassword,
    demo,
    ...(demo && { secondOriginPort: config.port === 0 ? 0 : config.port + 1 }),
    log: (line) => console.log(`[palabre] ${line}`),
  })
  const database = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`
  console.log(`Palabre is running at ${running.url} on ${database}`)
  if (demo) {
    console.log(`  Demo article (fr): ${running.url}/`)
    console.log(`  Demo article (en): ${running.url}/en/`)
    if (running.secondOriginUrl) console.log(`  Cross-origin page:  ${running.secondOriginUrl}/`)
    console.log(`  Moderation app:    ${running.url}/moderation/`)
    console.log(`    sign in as ${DEMO_MODERATOR.email} / ${DEMO_MODERATOR.password}`)
  } else {
    console.log(`  Moderation app:    ${running.url}/moderation/`)
  }
  console.log(`  API description:   ${running.url}/api/v1/openapi.json`)
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: closing the server and the database…`)
    await running.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

export const commands: Record<string, Command> = {
  serve: (config) => serveUntilStopped(config, false),
  demo: (config) => serveUntilStopped(config, true),

  async migrate(config) {
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/db` })
    try {
      const applied = await migrateToLatest(handle.db)
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date')
    } finally {
      await handle.close()
    }
  },

  async bench() {
    const { runBench } = await import('../../bench/run.ts')
    await runBench()
  },

  async build() {
    const files = await buildAssets()
    console.log(`built ${files.length} files into dist/`)
  },

  async 'site:create'(config, options) {
    const id = required(options, 'id')
    const origins = (options.origin as string[] | undefined) ?? []
    if (origins.length === 0) throw new Error('at least one --origin is required')
    const site = await withDatabase(config, (h) =>
      insertSite(h.db, {
        id,
        name: required(options, 'name'),
        allowedOrigins: origins.map((o) => new URL(o).origin),
        ssoSecret: typeof options['sso-secret'] === 'string' ? options['sso-secret'] : null,
      }),
    )
    console.log(JSON.stringify({ id: site.id, name: site.name, allowedOrigins: site.allowed_origins }))
  },

  async 'moderator:create'(config, options) {
    const role = (options.role as string | undefined) ?? 'moderator'
    if (role !== 'admin' && role !== 'moderator') throw new Error('--role is admin or moderator')
    const password = required(options, 'password')
    if (password.length < 10) throw new Error('--password needs at least 10 characters')
    const account = await withDatabase(config, (h) =>
      createAccount({ db: h.db, now: () => new Date() }, {
        email: required(options, 'email'),
        password,
        name: typeof options.name === 'string' ? options.name : undefined,
        role,
        sites: (options.site as string[] | undefined) ?? [],
      }),
    )
    console.log(JSON.stringify(account))
  },

  async 'rules:check'(config, options) {
    const siteId = required(options, 'site')
    await withDatabase(config, async (h) => {
      const row = await findSite(h.db, siteId)
      if (!row) throw new Error(`no site "${siteId}"`)
      const site = toSite(row)
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
      for await (const line of lines) {
        const verdict = rulesCheckLine(line, {
          settings: site.settings.rules,
          siteName: site.name,
          authorApprovedCount: 0,
        })
        process.stdout.write(`${JSON.stringify(verdict)}\n`)
      }
    })
  },
}
