import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Everything Palabre reads from its environment (`.env.example` lists them). */
export interface Config {
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string
  publicUrl: string
  secret: string | undefined
  adminEmail: string | undefined
  adminPassword: string | undefined
  /** PostgreSQL connections per instance (DATABASE_URL only). */
  poolSize: number | undefined
  /** Milliseconds first pages stay cached; 0 turns the cache off. */
  pageCacheTtlMs: number | undefined
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port: ${env.PORT}`)
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.PALABRE_DATA_DIR || './.palabre'),
    // Unset: the server's own address once it listens (PORT=0 picks a port only then).
    publicUrl: (env.PALABRE_PUBLIC_URL || (port === 0 ? '' : `http://localhost:${port}`)).replace(/\/+$/, ''),
    secret: env.PALABRE_SECRET || undefined,
    adminEmail: env.PALABRE_ADMIN_EMAIL || undefined,
    adminPassword: env.PALABRE_ADMIN_PASSWORD || undefined,
    pageCacheTtlMs: env.PALABRE_PAGE_CACHE_MS ? Math.max(0, Number(env.PALABRE_PAGE_CACHE_MS) || 0) : undefined,
    poolSize: env.PALABRE_DB_POOL ? Math.max(1, Math.min(500, Number(env.PALABRE_DB_POOL) || 20)) : undefined,
  }
}

/**
 * The signing key: PALABRE_SECRET, or one generated once and kept in the data directory so tokens
 * and sessions survive restarts. Several instances must share it: set PALABRE_SECRET for them.
 */
export function resolveSecret(config: Pick<Config, 'secret' | 'dataDir'>): Uint8Array {
  if (config.secret) {
    if (config.secret.length < 32) throw new Error('PALABRE_SECRET must be at least 32 characters')
    return new TextEncoder().encode(config.secret)
  }
  const file = path.join(config.dataDir, 'secret')
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true })
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err // another process won the race
    }
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim())
}
