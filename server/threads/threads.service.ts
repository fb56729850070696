import type { AppDeps, Viewer } from '../context.ts'
import type { ThreadRow } from '../db/schema.ts'
import {
  applyViewer,
  repliesCursorAfter,
  toApiComment,
  treeIds,
  type ApiComment,
  type ViewerContext,
} from '../comments/comment.mapper.ts'
import { findVisibleComment } from '../comments/comments.repository.ts'
import { decodeCursor, encodeCursor, type CursorPosition } from '../comments/cursor.ts'
import { notFound } from '../http/errors.ts'
import type { Site } from '../sites/site.ts'
import type { CachedPage } from './thread-cache.ts'
import {
  countsByArticle,
  findThread,
  firstRepliesOf,
  pageWithReplies,
  repliesPage,
  viewerFlags,
  viewerPending,
  type CommentListRow,
  type ThreadSort,
} from './threads.repository.ts'

/** Replies shown under each comment before "show N more replies". */
export const REPLIES_SHOWN = 3

export interface ApiThread {
  site: string
  article: string
  title: string
  url: string
  status: 'open' | 'closed'
  commentCount: number
}

export interface ThreadPage {
  thread: ApiThread
  comments: ApiComment[]
  nextCursor: string | null
}

/** A page as anonymous readers see it, and the thread's row id (not shown) for viewer lookups. */
export interface LoadedPage {
  threadId: string | null
  page: ThreadPage
}

export interface ThreadRead {
  page: ThreadPage
  /** The shared serialized page, when the answer is exactly it (anonymous reader). */
  shared?: CachedPage<LoadedPage>
}

/** Open or closed as readers see it: closed by a moderator, or past the site's closing age. */
export function threadStatus(site: Site, thread: ThreadRow, now: Date): 'open' | 'closed' {
  if (thread.status === 'closed') return 'closed'
  const hours = site.settings.rules.thread.closeAfterHours
  if (hours !== null && now.getTime() - thread.created_at.getTime() > hours * 3_600_000) return 'closed'
  return 'open'
}

/**
 * A page of a thread. First pages come from the instance's cache (serialized once for every
 * anonymous reader); a signed-in reader's view adds their pending comments and their likes and
 * reports with two more queries, so the shared part is never recomputed per reader.
 */
export async function readThread(
  deps: AppDeps,
  site: Site,
  article: string,
  options: { sort: ThreadSort; limit: number; cursor?: string | undefined },
  viewer: Viewer | undefined,
): Promise<ThreadRead> {
  const after = options.cursor ? decodeCursor(options.cursor, options.sort) : undefined
  let shared: CachedPage<LoadedPage> | undefined
  let loaded: LoadedPage
  if (after) {
    loaded = await loadPage(deps, site, article, options.sort, options.limit, after)
  } else {
    const variant = `${options.sort}:${options.limit}`
    shared = deps.threadCache.get(site.id, article, variant)
    if (!shared) {
      const generation = deps.threadCache.generation(site.id, article)
      const fresh = await loadPage(deps, site, article, options.sort, options.limit, undefined)
      shared = deps.threadCache.store(site.id, article, variant, generation, fresh)
    }
    loaded = shared.value
  }
  if (!viewer) return shared ? { page: loaded.page, shared } : { page: loaded.page }
  return { page: await withViewer(deps, site, viewer, loaded, !after) }
}

/**
 * Loads a page with two levels of replies under each comment in two queries, whatever the page or
 * the thread's size: the thread, then the page with its replies and their replies.
 */
async function loadPage(
  deps: AppDeps,
  site: Site,
  article: string,
  sort: ThreadSort,
  limit: number,
  after: CursorPosition | undefined,
): Promise<LoadedPage> {
  const thread = await findThread(deps.db, site.id, article)
  if (!thread) {
    const empty = { site: site.id, article, title: '', url: '', status: 'open' as const, commentCount: 0 }
    return { threadId: null, page: { thread: empty, comments: [], nextCursor: null } }
  }
  const { page: rows, replies } = await pageWithReplies(deps.db, thread.id, sort, after, limit + 1, REPLIES_SHOWN)
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ k: sort, t: last.created_key, i: last.id, l: last.like_count })
      : null
  return {
    threadId: thread.id,
    page: {
      thread: toApiThread(site, thread, deps.now()),
      comments: assembleTree(page, replies),
      nextCursor,
    },
  }
}

/** The viewer's copy of a page: their pending comments (first page only), likes, reports, rights. */
async function withViewer(
  deps: AppDeps,
  site: Site,
  viewer: Viewer,
  loaded: LoadedPage,
  firstPage: boolean,
): Promise<ThreadPage> {
  const page = structuredClone(loaded.page)
  const pending =
    firstPage && loaded.threadId ? await viewerPending(deps.db, loaded.threadId, viewer.readerId) : []
  mergePending(page.comments, pending)
  const context = await viewerContextFor(deps, site, viewer, treeIds(page.comments))
  applyViewer(page.comments, context)
  return page
}

/** More replies of one comment (oldest first), each with its own first replies. */
export async function readReplies(
  deps: AppDeps,
  commentId: string,
  options: { limit: number; cursor?: string | undefined },
  viewer: Viewer | undefined,
): Promise<{ comments: ApiComment[]; nextCursor: string | null }> {
  const after = options.cursor ? decodeCursor(options.cursor, 'replies') : undefined
  const parent = await findVisibleComment(deps.db, commentId)
  if (!parent) throw notFound('comment_not_found')
  const site = await deps.sites.get(parent.site_id)
  if (!site) throw notFound('comment_not_found')
  const rows = await repliesPage(deps.db, parent.id, after, options.limit + 1)
  const page = rows.slice(0, options.limit)
  const nested = await firstRepliesOf(deps.db, page.map((r) => r.id), REPLIES_SHOWN)
  const comments = assembleTree(page, nested)
  if (viewer) applyViewer(comments, await viewerContextFor(deps, site, viewer, treeIds(comments)))
  const last = page.at(-1)
  return { comments, nextCursor: rows.length > options.limit && last ? repliesCursorAfter(last) : null }
}

/** `{article: count}` for up to 100 articles in one query; unknown articles count 0. */
export async function readCounts(deps: AppDeps, site: Site, articles: string[]) {
  const found = await countsByArticle(deps.db, site.id, articles)
  return Object.fromEntries(articles.map((a) => [a, found.get(a) ?? 0]))
}

export function toApiThread(site: Site, thread: ThreadRow, now: Date): ApiThread {
  return {
    site: site.id,
    article: thread.article,
    title: thread.title,
    url: thread.url,
    status: threadStatus(site, thread, now),
    commentCount: thread.comment_count,
  }
}

async function viewerContextFor(
  deps: AppDeps,
  site: Site,
  viewer: Viewer,
  ids: string[],
): Promise<ViewerContext> {
  const flags = await viewerFlags(deps.db, viewer.readerId, ids)
  return {
    readerId: viewer.readerId,
    ...flags,
    editWindowMs: site.settings.editWindowMinutes * 60_000,
    now: deps.now(),
  }
}

/** Hangs replies under their parents; a comment with unseen replies gets a cursor to them. */
function assembleTree(roots: CommentListRow[], replies: CommentListRow[]): ApiComment[] {
  const byId = new Map<string, ApiComment>()
  const lastShown = new Map<string, CommentListRow>()
  const top = roots.map((row) => remember(byId, toApiComment(row)))
  for (const row of replies) {
    const parent = row.parent_id ? byId.get(row.parent_id) : undefined
    if (!parent || byId.has(row.id)) continue
    parent.replies.push(remember(byId, toApiComment(row)))
    lastShown.set(parent.id, row)
  }
  for (const comment of byId.values()) {
    if (comment.replyCount <= comment.replies.length) continue
    const last = lastShown.get(comment.id)
    comment.repliesCursor = last ? repliesCursorAfter(last) : encodeCursor({ k: 'replies', i: '0' })
  }
  return top
}

/** Puts the viewer's pending comments where they belong: on top, or under their parent if shown. */
function mergePending(comments: ApiComment[], pending: CommentListRow[]): void {
  if (pending.length === 0) return
  const byId = new Map<string, ApiComment>()
  const index = (list: ApiComment[]) => {
    for (const c of list) {
      byId.set(c.id, c)
      index(c.replies)
    }
  }
  index(comments)
  const top: ApiComment[] = []
  for (const row of pending) {
    const comment = toApiComment(row)
    if (!row.parent_id) top.push(comment)
    else byId.get(row.parent_id)?.replies.push(comment)
  }
  comments.unshift(...top.reverse())
}

function remember(byId: Map<string, ApiComment>, comment: ApiComment): ApiComment {
  byId.set(comment.id, comment)
  return comment
}
