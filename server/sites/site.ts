import type { SiteRow } from '../db/schema.ts'
import { readSiteSettings, type SiteSettings } from './site-settings.ts'

/** A site as the rest of the server uses it: settings parsed, origins normalized. */
export interface Site {
  id: string
  name: string
  allowedOrigins: string[]
  settings: SiteSettings
  rulesText: Record<string, string>
  ssoSecret: string | null
  updatedAt: Date
}

export function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: row.allowed_origins.map(normalizeOrigin).filter((o): o is string => !!o),
    settings: readSiteSettings(row.settings),
    rulesText: row.rules_text,
    ssoSecret: row.sso_secret,
    updatedAt: row.updated_at,
  }
}

/** `scheme://host[:port]` in lower case, or undefined when the text is not an http(s) origin. */
export function normalizeOrigin(value: string): string | undefined {
  try {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    return url.origin
  } catch {
    return undefined
  }
}

/** True when `url` is an http(s) address on one of the site's allowed origins. */
export function isUrlOnSite(site: Site, url: string): boolean {
  const origin = normalizeOrigin(url)
  return origin !== undefined && site.allowedOrigins.includes(origin)
}
