import { z } from 'zod'
import { ruleSettingsSchema } from '../rules/rules.settings.ts'

/**
 * Everything a site configures beyond its origins: reader-facing behaviour and the rules of conduct.
 * Stored as JSON with the site and always read through this schema, so missing fields take defaults.
 */
export const siteSettingsSchema = z.object({
  /** Minutes during which an author may edit their comment. */
  editWindowMinutes: z.number().int().min(0).max(24 * 60).default(15),
  /** The public page where the site's rules of conduct live, linked from every refusal. */
  rulesUrl: z.url().max(2000).nullable().default(null),
  rules: ruleSettingsSchema.default(ruleSettingsSchema.parse({})),
})

export type SiteSettings = z.infer<typeof siteSettingsSchema>

/** Reads stored settings, falling back to defaults for anything missing or no longer valid. */
export function readSiteSettings(stored: unknown): SiteSettings {
  const parsed = siteSettingsSchema.safeParse(stored ?? {})
  return parsed.success ? parsed.data : siteSettingsSchema.parse({})
}
