import { createHash } from 'node:crypto'
import type { ReaderRow } from '../db/schema.ts'
import { AppError, fail, rateLimited } from '../http/errors.ts'
import type { Site } from '../sites/site.ts'
import type { Executor } from '../sites/sites.repository.ts'
import { checkContent } from './content.ts'
import { ruleMessage } from './messages.ts'
import { foldText } from './normalize.ts'
import {
  activeSanctions,
  decidedSince,
  findDuplicate,
  recentActivity,
  totalComments,
} from './rules.repository.ts'
import { decide, type Priority, type RuleDecision, type RuleMatch } from './rules.types.ts'

/** Readers younger than this, with fewer than two approved comments, post at the slower pace. */
const NEW_READER_MS = 24 * 3_600_000

export const PRIORITY_VALUE: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 }

export interface Evaluation {
  decision: RuleDecision
  normalizedHash: string
}

/**
 * Every rule of SPEC §5 on one post or edit: the reader-level gates first (sanctions, rate), which
 * stop the request outright, then the content rules and the history rules, combined by `decide`.
 * Runs inside the posting transaction, with the reader's row locked, so limits hold across instances.
 */
export async function evaluateComment(
  db: Executor,
  input: { site: Site; reader: ReaderRow; body: string; now: Date; editingId?: string },
): Promise<Evaluation> {
  const { site, reader, now } = input
  const settings = site.settings.rules
  const matches: RuleMatch[] = []

  const sanctions = await activeSanctions(db, reader.id, now)
  if (sanctions.some((s) => s.kind === 'ban' || s.kind === 'suspend')) {
    throw fail(403, 'sanctioned', {}, { rule: 'account.sanctioned' })
  }
  if (reader.premod || sanctions.some((s) => s.kind === 'premod')) {
    matches.push({ rule: 'author.premod', action: 'hold', spans: [] })
  }

  if (!input.editingId) await enforceRate(db, site, reader, now)

  matches.push(
    ...checkContent(input.body, {
      settings,
      siteName: site.name,
      authorApprovedCount: reader.approved_count,
    }),
  )

  const normalizedHash = hashNormalized(input.body)
  if (settings.duplicate.enabled) {
    const duplicate = await findDuplicate(db, {
      siteId: site.id,
      authorId: reader.id,
      hash: normalizedHash,
      since: new Date(now.getTime() - settings.duplicate.windowHours * 3_600_000),
      excludeId: input.editingId,
    })
    if (duplicate) {
      matches.push({ rule: 'duplicate', action: 'reject', term: duplicate, spans: [] })
    }
  }

  if (settings.authorNew.enabled && !input.editingId) {
    if ((await totalComments(db, reader.id)) < settings.authorNew.count) {
      matches.push({ rule: 'author.new', action: 'hold', spans: [] })
    }
  }

  if (settings.authorHistory.enabled) {
    const since = new Date(now.getTime() - settings.authorHistory.days * 86_400_000)
    const { rejected, decided } = await decidedSince(db, reader.id, since)
    if (decided >= settings.authorHistory.minDecided && rejected / decided >= settings.authorHistory.rejectedRatio) {
      matches.push({ rule: 'author.history', action: 'hold', spans: [] })
    }
  }

  return { decision: decide(matches), normalizedHash }
}

/** `rate.comment`: a minimum interval between comments, and a cap per hour. */
async function enforceRate(db: Executor, site: Site, reader: ReaderRow, now: Date): Promise<void> {
  const rate = site.settings.rules.rate
  const isNew = reader.approved_count < 2 && now.getTime() - reader.created_at.getTime() < NEW_READER_MS
  const interval = (isNew ? rate.newReaderMinIntervalSeconds : rate.minIntervalSeconds) * 1000
  if (reader.last_comment_at && interval > 0) {
    const wait = reader.last_comment_at.getTime() + interval - now.getTime()
    if (wait > 0) throw rateError(wait / 1000)
  }
  const hourAgo = new Date(now.getTime() - 3_600_000)
  const { count, oldest } = await recentActivity(db, reader.id, hourAgo)
  if (count >= rate.perHour) {
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
