import type { AppDeps, Viewer } from '../context.ts'
import { forbidden, notFound } from '../http/errors.ts'
import { addLike, findVisibleComment, likeCount, removeLike } from './comments.repository.ts'

/** Likes a published comment once per reader; liking one's own comment is not counted. */
export async function likeComment(deps: AppDeps, viewer: Viewer, commentId: string) {
  return deps.changes.transaction(deps.db, async (trx) => {
    const comment = await findVisibleComment(trx, commentId)
    if (!comment || comment.status !== 'published') throw notFound('comment_not_found')
    if (comment.site_id !== viewer.siteId) throw forbidden('wrong_site')
    if (comment.author_id === viewer.readerId) throw forbidden('own_comment')
    await addLike(trx, comment.id, viewer.readerId)
    return { liked: true, likes: await likeCount(trx, comment.id) }
  })
}

/** Takes a like back; unliking twice is harmless. */
export async function unlikeComment(deps: AppDeps, viewer: Viewer, commentId: string) {
  return deps.changes.transaction(deps.db, async (trx) => {
    const comment = await findVisibleComment(trx, commentId)
    if (!comment) throw notFound('comment_not_found')
    if (comment.site_id !== viewer.siteId) throw forbidden('wrong_site')
    await removeLike(trx, comment.id, viewer.readerId)
    return { liked: false, likes: await likeCount(trx, comment.id) }
  })
}
