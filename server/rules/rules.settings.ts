import { z } from 'zod'

/**
 * Per-site settings of the rules of conduct, with the defaults of SPEC §5 (a French news site).
 * Stored with the site as JSON; every field optional on input and filled from the defaults, so a site
 * saved before a new setting existed keeps working. Changing them takes effect on the next comment.
 */

const action = z.enum(['reject', 'hold', 'flag', 'publish'])
const term = z.string().trim().min(1).max(64)
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(253)
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'domain')

export const ruleSettingsSchema = z.object({
  length: z
    .object({
      min: z.number().int().min(1).max(100).default(2),
      max: z.number().int().min(10).max(10_000).default(2000),
    })
    .default({ min: 2, max: 2000 }),
  shouting: z
    .object({
      enabled: z.boolean().default(true),
      ratio: z.number().min(0.3).max(1).default(0.7),
      minLetters: z.number().int().min(1).max(200).default(12),
    })
    .default({ enabled: true, ratio: 0.7, minLetters: 12 }),
  rate: z
    .object({
      minIntervalSeconds: z.number().int().min(0).max(3600).default(10),
      perHour: z.number().int().min(1).max(10_000).default(20),
      newReaderMinIntervalSeconds: z.number().int().min(0).max(3600).default(30),
    })
    .default({ minIntervalSeconds: 10, perHour: 20, newReaderMinIntervalSeconds: 30 }),
  links: z
    .object({
      minApprovedToLink: z.number().int().min(0).max(100).default(2),
      maxLinks: z.number().int().min(0).max(50).default(3),
      blockedDomains: z.array(domain).max(1000).default([]),
      holdShorteners: z.boolean().default(true),
    })
    .default({ minApprovedToLink: 2, maxLinks: 3, blockedDomains: [], holdShorteners: true }),
  privacy: z.object({ enabled: z.boolean().default(true) }).default({ enabled: true }),
  duplicate: z
    .object({ enabled: z.boolean().default(true), windowHours: z.number().int().min(1).max(720).default(24) })
    .default({ enabled: true, windowHours: 24 }),
  words: z
    .object({
      /** Action for `words.vulgar`; a site may relax it to `flag`. */
      vulgarAction: action.default('reject'),
      /** Site additions: terms rejected like `words.banned`. */
      banned: z.array(term).max(2000).default([]),
      /** Site additions: terms flagged like `words.suspect`. */
      suspect: z.array(term).max(2000).default([]),
      /** Built-in terms this site does not want matched (e.g. a place name). */
      allowed: z.array(term).max(2000).default([]),
    })
    .default({ vulgarAction: 'reject', banned: [], suspect: [], allowed: [] }),
  authorNew: z
    .object({ enabled: z.boolean().default(false), count: z.number().int().min(1).max(50).default(2) })
    .default({ enabled: false, count: 2 }),
  authorHistory: z
    .object({
      enabled: z.boolean().default(true),
      rejectedRatio: z.number().min(0).max(1).default(0.3),
      minDecided: z.number().int().min(1).max(1000).default(3),
      days: z.number().int().min(1).max(365).default(7),
    })
    .default({ enabled: true, rejectedRatio: 0.3, minDecided: 3, days: 7 }),
  reports: z
    .object({
      threshold: z.number().min(0.5).max(100).default(3),
      newReaderWeight: z.number().min(0).max(10).default(1),
      provenReporterWeight: z.number().min(0).max(10).default(1),
    })
    .default({ threshold: 3, newReaderWeight: 1, provenReporterWeight: 1 }),
  thread: z
    .object({
      /** Threads older than this many hours close by themselves; null = never (the default). */
      closeAfterHours: z.number().int().min(1).max(24 * 3650).nullable().default(null),
    })
    .default({ closeAfterHours: null }),
})

export type RuleSettings = z.infer<typeof ruleSettingsSchema>

/** The defaults of SPEC §5. */
export const defaultRuleSettings: RuleSettings = ruleSettingsSchema.parse({})
