import { sql } from 'kysely'
import type { ReaderRow, SanctionKind } from '../db/schema.ts'
import type { Executor } from '../sites/sites.repository.ts'

/** What the reader-level rules need to know about an author, read in one round trip. */
export interface ReaderFacts {
  reader: ReaderRow
  /** Sanctions in force: not lifted, not past their end. */
  sanctions: { kind: SanctionKind; until: string | null }[]
  /** Comments stored in the last hour (not rejected), and when the oldest of them was. */
  recentCount: number
  recentOldest: Date | null
  /** Moderator decisions on the author's comments within the history window. */
  decided: number
  rejected: number
  /** Every comment the author ever stored (counted only when `countAll` was asked). */
  totalComments: number
  /**
   * A comment with the same normalized text: the author's own within the window (not the one
   * being edited), or anyone's that a moderator rejected. Null when none, or when not asked.
   */
  duplicate: 'own' | 'rejected' | null
}

/** What to look for as a duplicate of the text being posted. */
export interface DuplicateQuery {
  siteId: string
  hash: string
  since: Date
  excludeId?: string | undefined
}

/**
 * Locks the reader's row for the rest of the transaction (one post at a time per reader, on every
 * instance), then reads in one statement everything the sanction, rate and history rules need.
 * Two statements, not one: a statement that waited for the lock still sees the data of its start,
 * so counts read with the lock would miss the post that held it.
 */
export async function lockReaderFacts(
  db: Executor,
  readerId: string,
  at: { now: Date; hourAgo: Date; historySince: Date; countAll: boolean; duplicate?: DuplicateQuery },
): Promise<ReaderFacts | undefined> {
  const locked = await db.selectFrom('reader').select('id').where('id', '=', readerId).forUpdate().executeTakeFirst()
  if (!locked) return undefined
  // The total runs only when its rule can use it: while the site holds new readers' first comments.
  const dup = at.duplicate
  const duplicate = dup
    ? sql`(select case
             when bool_or(c.status = 'rejected' and c.decided_by is not null) then 'rejected'
             when bool_or(c.author_id = r.id and c.status not in ('rejected', 'deleted')
                          and c.created_at > ${dup.since}) then 'own'
           end
           from comment c
          where c.site_id = ${dup.siteId} and c.normalized_hash = ${dup.hash}
            and c.id <> ${dup.excludeId ?? '0'}::bigint)`
    : sql`null`
  const result = await sql<ReaderRow & Record<'sanctions' | 'recent_count' | 'recent_oldest' | 'decided' | 'rejected' | 'total' | 'duplicate', unknown>>`
    select r.*,
      (select coalesce(json_agg(json_build_object('kind', s.kind, 'until', s.until)), '[]'::json)
         from sanction s
        where s.reader_id = r.id and s.lifted_at is null and (s.until is null or s.until > ${at.now})
      ) as sanctions,
      recent.count as recent_count, recent.oldest as recent_oldest,
      history.decided, history.rejected,
      case when ${at.countAll} then (select count(*) from comment c where c.author_id = r.id) end as total,
      ${duplicate} as duplicate
    from reader r,
      lateral (select count(*) as count, min(c.created_at) as oldest from comment c
                where c.author_id = r.id and c.created_at > ${at.hourAgo} and c.status <> 'rejected') recent,
      lateral (select count(*) as decided, count(*) filter (where c.status = 'rejected') as rejected
                 from comment c where c.author_id = r.id and c.decided_at > ${at.historySince}) history
    where r.id = ${readerId}`.execute(db)
  const row = result.rows[0]
  if (!row) return undefined
  const { sanctions, recent_count, recent_oldest, decided, rejected, total, duplicate: dupOf, ...reader } = row
  return {
    reader: reader as ReaderRow,
    sanctions: (typeof sanctions === 'string' ? JSON.parse(sanctions) : sanctions) as ReaderFacts['sanctions'],
    recentCount: Number(recent_count),
    recentOldest: recent_oldest ? new Date(recent_oldest as string) : null,
    decided: Number(decided),
    rejected: Number(rejected),
    totalComments: Number(total),
    duplicate: (dupOf as ReaderFacts['duplicate']) ?? null,
  }
}
