import type { CommentStatus } from '../db/schema.ts'
import type { CommentListRow } from '../threads/threads.repository.ts'
import { encodeCursor } from './cursor.ts'

/** A comment as the reader API shows it (SPEC §4). */
export interface ApiComment {
  id: string
  parentId: string | null
  /** Set when the comment answers someone deeper than the displayed nesting allows. */
  replyTo?: { id: string; name: string }
  /** Null for a deleted comment kept as a tombstone. */
  author: { id: string; name: string; badge?: string } | null
  body: string
  status: Exclude<CommentStatus, 'rejected'>
  createdAt: string
  editedAt: string | null
  likes: number
  replyCount: number
  replies: ApiComment[]
  repliesCursor: string | null
  viewer?: { liked: boolean; reported: boolean; canEdit: boolean; canDelete: boolean }
}

/** What the mapper needs to know about the reader looking. */
export interface ViewerContext {
  readerId: string
  liked: Set<string>
  reported: Set<string>
  editWindowMs: number
  now: Date
}

/** Cursor pointing after a row, for the replies that follow it. */
export function repliesCursorAfter(row: CommentListRow): string {
  return encodeCursor({ k: 'replies', t: row.created_key, i: row.id })
}

export function toApiComment(row: CommentListRow): ApiComment {
  const deleted = row.status === 'deleted'
  const comment: ApiComment = {
    id: row.id,
    parentId: row.parent_id,
    author: deleted
      ? null
      : { id: row.author_id, name: row.author_name, ...badgeOf(row) },
    body: deleted ? '' : row.body,
    status: row.status === 'rejected' ? 'deleted' : row.status,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at ? row.edited_at.toISOString() : null,
    likes: row.like_count,
    replyCount: row.reply_count,
    replies: [],
    repliesCursor: null,
  }
  if (row.reply_to_id && row.reply_to_id !== row.parent_id && row.reply_to_name) {
    comment.replyTo = { id: row.reply_to_id, name: row.reply_to_name }
  }
  return comment
}

/** `staff` for the site's own people, `member` for readers signed in with the site's account. */
function badgeOf(row: Pick<CommentListRow, 'author_kind' | 'author_staff'>): { badge?: string } {
  if (row.author_staff) return { badge: 'staff' }
  return row.author_kind === 'sso' ? { badge: 'member' } : {}
}

/** What the viewer may do with a comment and has done to it. */
export function viewerFields(comment: ApiComment, viewer: ViewerContext): NonNullable<ApiComment['viewer']> {
  const own = comment.author?.id === viewer.readerId && comment.status !== 'deleted'
  return {
    liked: viewer.liked.has(comment.id),
    reported: viewer.reported.has(comment.id),
    canEdit: own && viewer.now.getTime() - Date.parse(comment.createdAt) < viewer.editWindowMs,
    canDelete: own,
  }
}

/** Sets `viewer` on every comment of a tree, replies included. */
export function applyViewer(comments: ApiComment[], viewer: ViewerContext): void {
  for (const comment of comments) {
    comment.viewer = viewerFields(comment, viewer)
    applyViewer(comment.replies, viewer)
  }
}

/** Every id in a tree. */
export function treeIds(comments: ApiComment[], into: string[] = []): string[] {
  for (const comment of comments) {
    into.push(comment.id)
    treeIds(comment.replies, into)
  }
  return into
}
