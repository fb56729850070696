/**
 * Events the widget fires on user actions and async results (never when the host sets a property).
 * All bubble and are composed, so the host page can listen on `<palabre-thread>` or above. They
 * are plain `Event`s carrying their fields (one small helper rather than a class each).
 */
import type { Comment, PostResult, ThreadInfo } from './api.ts'

/** What each `palabre-<name>` event carries. */
export interface EventFields {
  /** The first page of the discussion arrived. */
  loaded: { thread: ThreadInfo }
  /** The server accepted a comment or a reply (published or pending). */
  posted: { comment: Comment; outcome: PostResult['outcome'] }
  /** The reader's own comment was changed. */
  edited: { comment: Comment }
  /** The reader deleted their own comment. */
  deleted: { commentId: string }
  /** The reader liked (`liked` true) or unliked a comment. */
  liked: { commentId: string; liked: boolean }
  /** The reader reported a comment. */
  reported: { commentId: string; reason: string }
}

/** Fires `palabre-<name>` from `el` with `fields` on the event. */
export const fire = <K extends keyof EventFields>(el: EventTarget, name: K, fields: EventFields[K]) =>
  el.dispatchEvent(Object.assign(new Event('palabre-' + name, { bubbles: true, composed: true }), fields))

export type ThreadLoadedEvent = Event & EventFields['loaded']
export type CommentPostedEvent = Event & EventFields['posted']
export type CommentEditedEvent = Event & EventFields['edited']
export type CommentDeletedEvent = Event & EventFields['deleted']
export type CommentLikedEvent = Event & EventFields['liked']
export type CommentReportedEvent = Event & EventFields['reported']

declare global {
  interface HTMLElementEventMap {
    'palabre-loaded': ThreadLoadedEvent
    'palabre-posted': CommentPostedEvent
    'palabre-edited': CommentEditedEvent
    'palabre-deleted': CommentDeletedEvent
    'palabre-liked': CommentLikedEvent
    'palabre-reported': CommentReportedEvent
  }
}
