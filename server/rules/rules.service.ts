import { createHash } from 'node:crypto'
import { AppError, fail, rateLimited } from '../http/errors.ts'
import type { Site } from '../sites/site.ts'
import type { Executor } from '../sites/sites.repository.ts'
import { checkContent } from './content.ts'
import { ruleMessage } from './messages.ts'
import { foldText } from './normalize.ts'
import { lockReaderFacts, type ReaderFacts } from './rules.repository.ts'
import { decide, type Priority, type RuleDecision, type RuleMatch } from './rules.types.ts'

/** Readers younger than this, with fewer than two approved comments, post at the slower pace. */
const NEW_READER_MS = 24 * 3_600_000

export const PRIORITY_VALUE: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 }

export interface Evaluation {
  decision: RuleDecision
  normalizedHash: string
}

/**
 * Locks the author's row and reads what the reader-level rules need (see `lockReaderFacts`),
 * including whether `body` repeats an earlier comment.
 */
export async function lockAuthor(
  db: Executor,
  site: Site,
  readerId: string,
  text: { body: string; now: Date; editingId?: string | undefined },
): Promise<AuthorFacts | undefined> {
  const { now } = text
  const rules = site.settings.rules
  const normalizedHash = hashNormalized(text.body)
  const facts = await lockReaderFacts(db, readerId, {
    now,
    hourAgo: new Date(now.getTime() - 3_600_000),
    historySince: new Date(now.getTime() - rules.authorHistory.days * 86_400_000),
    countAll: rules.authorNew.enabled,
    ...(rules.duplicate.enabled && {
      duplicate: {
        siteId: site.id,
        hash: normalizedHash,
        since: new Date(now.getTime() - rules.duplicate.windowHours * 3_600_000),
        excludeId: text.editingId,
      },
    }),
  })
  return facts && { ...facts, normalizedHash }
}

/** The author's facts, and the identity of the text they were read for (see `hashNormalized`). */
export type AuthorFacts = ReaderFacts & { normalizedHash: string }

/**
 * Every rule of SPEC §5 on one post or edit: the reader-level gates first (sanctions, rate), which
 * stop the request outright, then the content rules and the history rules, combined by `decide`.
 * Decides on facts read inside the posting transaction with the author's row locked (`lockAuthor`),
 * so limits hold across instances; no I/O of its own.
 */
export function evaluateComment(input: {
  site: Site
  facts: AuthorFacts
  body: string
  now: Date
  editingId?: string
  /** The thread no longer takes comments (`thread.closed`). */
  closed?: boolean
}): Evaluation {
  const { site, facts, now } = input
  const { reader } = facts
  const settings = site.settings.rules
  const matches: RuleMatch[] = []

  if (facts.sanctions.some((s) => s.kind === 'ban' || s.kind === 'suspend')) {
    throw fail(403, 'sanctioned', {}, { rule: 'account.sanctioned' })
  }
  // After sanctions (a banned reader hears why they can't comment anywhere), before everything else.
  if (input.closed) throw fail(409, 'thread_closed', {}, { rule: 'thread.closed' })
  if (reader.premod || facts.sanctions.some((s) => s.kind === 'premod')) {
    matches.push({ rule: 'author.premod', action: 'hold', spans: [] })
  }

  if (!input.editingId) enforceRate(site, facts, now)
  // The site's own staff answer readers in their name: content rules don't apply to them.
  const { normalizedHash } = facts
  if (reader.staff) return { decision: decide([]), normalizedHash }

  matches.push(
    ...checkContent(input.body, {
      settings,
      siteName: site.name,
      authorApprovedCount: reader.approved_count,
    }),
  )

  if (settings.duplicate.enabled && facts.duplicate) {
    matches.push({ rule: 'duplicate', action: 'reject', term: facts.duplicate, spans: [] })
  }

  if (settings.authorNew.enabled && !input.editingId && facts.totalComments < settings.authorNew.count) {
    matches.push({ rule: 'author.new', action: 'hold', spans: [] })
  }

  const history = settings.authorHistory
  if (history.enabled && facts.decided >= history.minDecided && facts.rejected / facts.decided >= history.rejectedRatio) {
    matches.push({ rule: 'author.history', action: 'hold', spans: [] })
  }

  return { decision: decide(matches), normalizedHash }
}

/** `rate.comment`: a minimum interval between comments, and a cap per hour. */
function enforceRate(site: Site, facts: ReaderFacts, now: Date): void {
  const { reader } = facts
  const rate = site.settings.rules.rate
  const isNew = reader.approved_count < 2 && now.getTime() - reader.created_at.getTime() < NEW_READER_MS
  const interval = (isNew ? rate.newReaderMinIntervalSeconds : rate.minIntervalSeconds) * 1000
  if (reader.last_comment_at && interval > 0) {
    const wait = reader.last_comment_at.getTime() + interval - now.getTime()
    if (wait > 0) throw rateError(wait / 1000)
  }
  if (facts.recentCount >= rate.perHour) {
    const oldest = facts.recentOldest
    const wait = oldest ? oldest.getTime() + 3_600_000 - now.getTime() : 60_000
    throw rateError(wait / 1000)
  }
}

function rateError(seconds: number): AppError {
  const limited = rateLimited(seconds, { rule: 'rate.comment' })
  return new AppError(
    429,
    limited.code,
    (lang) => `${ruleMessage('rate.comment', lang, {})} ${limited.localize(lang)}`,
    limited.extra,
    limited.headers,
  )
}

/**
 * The identity of a text for the `duplicate` rule: case, accents, punctuation and spacing do not
 * make a repeated comment new.
 */
export function hashNormalized(body: string): string {
  const folded = foldText(body)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
  return createHash('sha256').update(folded).digest('hex').slice(0, 32)
}
