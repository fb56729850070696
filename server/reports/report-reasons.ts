/** The reasons a reader can give for a report (SPEC §4). */
export const REPORT_REASONS = [
  'insult',
  'hate',
  'threat',
  'obscene',
  'spam',
  'off_topic',
  'privacy',
  'impersonation',
  'illegal',
  'other',
] as const

export type ReportReason = (typeof REPORT_REASONS)[number]

/** Reports that go to the top of the queue whatever their weight. */
export const URGENT_REASONS: ReadonlySet<ReportReason> = new Set(['threat', 'illegal'])
