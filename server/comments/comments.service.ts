import { createHash } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { AppDeps, Viewer } from '../context.ts'
import type { CommentRow, CommentStatus, Database, ReaderRow } from '../db/schema.ts'
import { fail, forbidden, notFound } from '../http/errors.ts'
import type { Lang } from '../http/i18n.ts'
import { LEXICON_VERSION } from '../rules/lexicon.ts'
import { holdNotice } from '../rules/messages.ts'
import { RuleViolation } from '../rules/rule-violation.ts'
import { evaluateComment, lockAuthor, PRIORITY_VALUE, type Evaluation } from '../rules/rules.service.ts'
import { isUrlOnSite, type Site } from '../sites/site.ts'
import { articleOfThread, findOrCreateThread, findThread, selectComments } from '../threads/threads.repository.ts'
import { threadStatus } from '../threads/threads.service.ts'
import { toApiComment, viewerFields, type ApiComment } from './comment.mapper.ts'
import {
  adjustPublishedCounts,
  findComment,
  findVisibleComment,
  insertComment,
} from './comments.repository.ts'
import { findStoredPost, storePostSql, type StoredPost } from './idempotency.repository.ts'

/** Replies nest visually to this depth; deeper replies attach to the ancestor at this depth. */
export const MAX_DEPTH = 3

export interface NewCommentInput {
  article: string
  body: string
  parentId?: string | undefined
  title?: string | undefined
  url?: string | undefined
}

export interface PostResult {
  comment: ApiComment
  outcome: 'published' | 'pending'
  notice?: string
}

/**
 * Posts a comment or a reply, in one transaction: the reader's row is locked (one post at a time per
 * reader, on every instance), a retry with the same Idempotency-Key replays the first answer, every
 * rule runs, and the comment is stored published or pending — or refused with nothing stored.
 */
export async function postComment(
  deps: AppDeps,
  site: Site,
  viewer: Viewer,
  input: NewCommentInput,
  options: { lang: Lang; idempotencyKey?: string | undefined; ipHash?: string | undefined },
): Promise<{ status: number; body: unknown }> {
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex')
  const keyRef = options.idempotencyKey
    ? { siteId: site.id, readerId: viewer.readerId, key: options.idempotencyKey }
    : undefined

  return deps.changes.transaction(deps.db, async (trx) => {
    const now = deps.now()
    const facts = await authorFacts(trx, site, viewer, { body: input.body, now })
    const reader = facts.reader
    if (keyRef) {
      const stored = await findStoredPost(trx, keyRef)
      if (stored && stored.requestHash !== requestHash) throw fail(422, 'idempotency_key_reused')
      if (stored) return { status: 201, body: await replay(trx, stored, site, now) }
    }

    const target = input.parentId ? await replyTarget(trx, site, input.article, input.parentId) : undefined
    const parent = target?.parent
    const thread = target ? target.thread : await threadForPost(trx, site, input, now)
    const closed = threadStatus(site, thread, now) === 'closed'
    const evaluation = evaluateComment({ site, facts, body: input.body, now, closed })
    const status = statusFor(evaluation, site)
    const outcome = status === 'published' ? 'published' : 'pending'
    const decisive = evaluation.decision.decisive
    const notice = status === 'pending' && decisive ? holdNotice(decisive.rule, options.lang) : undefined
    const placement = placeUnder(parent)
    const remember = keyRef && storePostSql(keyRef, { requestHash, outcome, ...(notice && { notice }) })
    const row = await insertComment(trx, {
      thread_id: thread.id,
      site_id: site.id,
      ...placement,
      author_id: reader.id,
      body: input.body,
      status,
      priority: PRIORITY_VALUE[evaluation.decision.priority],
      flagged: evaluation.decision.action === 'flag',
      rule_matches: JSON.stringify(evaluation.decision.matches),
      ruleset_version: LEXICON_VERSION,
      normalized_hash: evaluation.normalizedHash,
      ip_hash: options.ipHash ?? null,
      created_at: now,
    }, now, remember)
    if (status === 'published') {
      await deps.changes.publish(trx, commentChange('new', site, thread.article, row.id))
    }

    const replyToName = parent && placement.parent_id !== parent.id ? await authorName(trx, parent) : null
    const body: PostResult = { comment: ownView(row, reader, replyToName, site, now), outcome }
    if (notice) body.notice = notice
    return { status: 201, body }
  })
}

/** The answer to a retry: the comment the first request created, as it is now, and what was said. */
async function replay(trx: Transaction<Database>, stored: StoredPost, site: Site, now: Date) {
  const row = await selectComments(trx).where('c.id', '=', stored.commentId).executeTakeFirstOrThrow()
  const body: PostResult = { comment: withAuthorRights(toApiComment(row), site, now), outcome: stored.outcome }
  if (stored.notice) body.notice = stored.notice
  return body
}

/** Edits the author's comment within the site's window; the new text goes through every rule again. */
export async function editComment(
  deps: AppDeps,
  viewer: Viewer,
  commentId: string,
  body: string,
  lang: Lang,
): Promise<PostResult> {
  return deps.changes.transaction(deps.db, async (trx) => {
    const now = deps.now()
    const { comment, site, facts } = await ownComment(deps, trx, viewer, commentId, { body, now })
    if (comment.status !== 'published' && comment.status !== 'pending') {
      throw fail(409, 'comment_not_editable')
    }
    const windowMs = site.settings.editWindowMinutes * 60_000
    if (now.getTime() - comment.created_at.getTime() > windowMs) {
      throw fail(403, 'edit_window_closed', { minutes: site.settings.editWindowMinutes })
    }
    const evaluation = evaluateComment({ site, facts, body, now, editingId: comment.id })
    const held = statusFor(evaluation, site) === 'pending'
    const status: CommentStatus = held ? 'pending' : comment.status
    await trx
      .updateTable('comment')
      .set({
        body,
        status,
        edited_at: now,
        rule_matches: JSON.stringify(evaluation.decision.matches),
        ruleset_version: LEXICON_VERSION,
        normalized_hash: evaluation.normalizedHash,
        priority: PRIORITY_VALUE[evaluation.decision.priority],
        flagged: evaluation.decision.action === 'flag',
      })
      .where('id', '=', comment.id)
      .execute()
    const article = await articleOfThread(trx, comment.thread_id)
    if (comment.status === 'published' && status === 'pending') {
      await adjustPublishedCounts(trx, comment, -1)
      await deps.changes.publish(trx, commentChange('removed', site, article, comment.id))
    } else if (status === 'published') {
      await deps.changes.publish(trx, commentChange('edited', site, article, comment.id))
    }
    const result: PostResult = {
      comment: withAuthorRights(
        toApiComment(await selectComments(trx).where('c.id', '=', comment.id).executeTakeFirstOrThrow()),
        site,
        now,
      ),
      outcome: status === 'published' ? 'published' : 'pending',
    }
    const decisive = evaluation.decision.decisive
    if (status === 'pending' && decisive) result.notice = holdNotice(decisive.rule, lang)
    return result
  })
}

/** Deletes the author's comment: a tombstone keeps the place of its replies, else it disappears. */
export async function deleteComment(deps: AppDeps, viewer: Viewer, commentId: string): Promise<void> {
  await deps.changes.transaction(deps.db, async (trx) => {
    const { comment, site } = await ownComment(deps, trx, viewer, commentId, { body: '', now: deps.now() })
    if (comment.status === 'deleted' || comment.status === 'rejected') return
    await trx
      .updateTable('comment')
      .set({ status: 'deleted', body: '', flagged: false })
      .where('id', '=', comment.id)
      .execute()
    if (comment.status === 'published') {
      await adjustPublishedCounts(trx, comment, -1)
      const article = await articleOfThread(trx, comment.thread_id)
      await deps.changes.publish(trx, commentChange('removed', site, article, comment.id))
    }
  })
}

/** The comment as its author now sees it, built from the stored row (no query). */
function ownView(row: CommentRow, author: ReaderRow, replyToName: string | null, site: Site, now: Date) {
  const comment = toApiComment({
    ...row,
    author_name: author.name,
    author_kind: author.kind,
    author_staff: author.staff,
    reply_to_name: replyToName,
    created_key: '',
  })
  return withAuthorRights(comment, site, now)
}

/** Sets what its author may do with a comment they have just written or edited. */
function withAuthorRights(comment: ApiComment, site: Site, now: Date): ApiComment {
  comment.viewer = viewerFields(comment, {
    readerId: comment.author?.id ?? '',
    liked: new Set(),
    reported: new Set(),
    editWindowMs: site.settings.editWindowMinutes * 60_000,
    now,
  })
  return comment
}

async function authorName(trx: Transaction<Database>, comment: CommentRow): Promise<string | null> {
  const row = await trx.selectFrom('reader').select('name').where('id', '=', comment.author_id).executeTakeFirst()
  return row?.name ?? null
}

/** Locks the author's row and reads the facts the rules need; the token must be for this site. */
async function authorFacts(
  trx: Transaction<Database>,
  site: Site,
  viewer: Viewer,
  text: { body: string; now: Date; editingId?: string },
) {
  if (viewer.siteId !== site.id) throw forbidden('wrong_site')
  const facts = await lockAuthor(trx, site, viewer.readerId, text)
  if (!facts || facts.reader.site_id !== site.id) throw fail(401, 'invalid_token')
  return facts
}

async function ownComment(
  deps: AppDeps,
  trx: Transaction<Database>,
  viewer: Viewer,
  id: string,
  text: { body: string; now: Date },
) {
  const comment = await findComment(trx, id, true)
  if (!comment || comment.status === 'rejected') throw notFound('comment_not_found')
  if (comment.author_id !== viewer.readerId || comment.site_id !== viewer.siteId) {
    throw forbidden('not_author')
  }
  const site = await deps.sites.get(comment.site_id, trx)
  if (!site) throw notFound('comment_not_found')
  const facts = await authorFacts(trx, site, viewer, { ...text, editingId: comment.id })
  return { comment, site, facts }
}

/** The comment replied to (visible, published, on this site) and this article's thread, which holds it. */
async function replyTarget(trx: Transaction<Database>, site: Site, article: string, parentId: string) {
  const parent = await findVisibleComment(trx, parentId)
  if (!parent || parent.status !== 'published' || parent.site_id !== site.id) {
    throw fail(422, 'parent_not_found', {}, { field: 'parentId' })
  }
  const thread = await findThread(trx, site.id, article)
  if (!thread || thread.id !== parent.thread_id) {
    throw fail(422, 'parent_other_thread', {}, { field: 'parentId' })
  }
  return { parent, thread }
}

/** The article's thread, created on its first comment with a URL on the site's own origins. */
async function threadForPost(trx: Transaction<Database>, site: Site, input: NewCommentInput, now: Date) {
  const existing = await findThread(trx, site.id, input.article)
  if (existing) return existing
  if (input.url && !isUrlOnSite(site, input.url)) throw fail(422, 'invalid_url', {}, { field: 'url' })
  return findOrCreateThread(trx, {
    siteId: site.id,
    article: input.article,
    title: input.title ?? '',
    url: input.url ?? '',
    now,
  })
}

/** Nesting: up to depth 3; a reply to a depth-3 comment becomes its sibling, naming whom it answers. */
function placeUnder(parent: CommentRow | undefined) {
  if (!parent) return { parent_id: null, root_id: null, reply_to_id: null, depth: 1 }
  const root = parent.root_id ?? parent.id
  if (parent.depth < MAX_DEPTH) {
    return { parent_id: parent.id, root_id: root, reply_to_id: parent.id, depth: parent.depth + 1 }
  }
  return { parent_id: parent.parent_id, root_id: root, reply_to_id: parent.id, depth: MAX_DEPTH }
}

/** Published or pending by the rules' decision; a rejection is thrown, so nothing is stored. */
function statusFor(evaluation: Evaluation, site: Site): 'published' | 'pending' {
  const { action, decisive } = evaluation.decision
  if (action === 'reject' && decisive) throw new RuleViolation(decisive, site)
  return action === 'hold' ? 'pending' : 'published'
}


function commentChange(kind: 'new' | 'edited' | 'removed', site: Site, article: string, id: string) {
  return { type: 'comment' as const, kind, site: site.id, article, commentId: id }
}
