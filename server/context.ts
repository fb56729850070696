import type { Kysely } from 'kysely'
import type { Database } from './db/schema.ts'
import type { ChangeBus } from './events/change-bus.ts'
import type { LiveHub } from './live/live-hub.ts'
import type { Lang } from './http/i18n.ts'
import type { SiteDirectory } from './sites/site-directory.ts'
import type { ThreadPageCache } from './threads/thread-cache.ts'
import type { LoadedPage } from './threads/threads.service.ts'

/** What every request handler may use; built once per process by `createApp`'s caller. */
export interface AppDeps {
  db: Kysely<Database>
  sites: SiteDirectory
  changes: ChangeBus
  /** First pages of threads, shared by anonymous readers, dropped on every change. */
  threadCache: ThreadPageCache<LoadedPage>
  /** Readers connected to live updates on this instance. */
  live: LiveHub
  /** Signs reader tokens and session values (PALABRE_SECRET). */
  secret: Uint8Array
  /** This server's public base URL, e.g. `http://localhost:8787`. */
  publicUrl: string
  /** The current time; tests move it to cross edit windows and rate limits. */
  now: () => Date
  limits: InstanceLimits
}

/** Limits that are the operator's to set, not the site's. */
export interface InstanceLimits {
  /** Guest identities one address may create per hour. */
  guestsPerHour: number
  /** Login attempts per address and per e-mail per 15 minutes. */
  loginsPerWindow: number
  /** Live-update streams this instance holds open at most. */
  liveStreams: number
}

export const DEFAULT_LIMITS: InstanceLimits = { guestsPerHour: 30, loginsPerWindow: 10, liveStreams: 10_000 }

/** The reader making a request, from a valid `Authorization: Bearer` token. */
export interface Viewer {
  readerId: string
  siteId: string
}

export interface AppEnv {
  Variables: {
    deps: AppDeps
    lang: Lang
    viewer: Viewer | undefined
  }
}
