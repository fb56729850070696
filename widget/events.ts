/**
 * Events the widget fires on user actions and async results (never when the host sets a property).
 * All bubble and are composed, so the host page can listen on `<palabre-thread>` or above.
 */
import type { Comment, PostResult, ThreadInfo } from './api.ts'

const init = { bubbles: true, composed: true }

/** `palabre-loaded`: the first page of the discussion arrived. */
export class ThreadLoadedEvent extends Event {
  constructor(readonly thread: ThreadInfo) {
    super('palabre-loaded', init)
  }
}

/** `palabre-posted`: the server accepted a comment or a reply (published or pending). */
export class CommentPostedEvent extends Event {
  constructor(
    readonly comment: Comment,
    readonly outcome: PostResult['outcome'],
  ) {
    super('palabre-posted', init)
  }
}

/** `palabre-edited`: the reader's own comment was changed. */
export class CommentEditedEvent extends Event {
  constructor(readonly comment: Comment) {
    super('palabre-edited', init)
  }
}

/** `palabre-deleted`: the reader deleted their own comment. */
export class CommentDeletedEvent extends Event {
  constructor(readonly commentId: string) {
    super('palabre-deleted', init)
  }
}

/** `palabre-liked`: the reader liked (`liked` true) or unliked a comment. */
export class CommentLikedEvent extends Event {
  constructor(
    readonly commentId: string,
    readonly liked: boolean,
  ) {
    super('palabre-liked', init)
  }
}

/** `palabre-reported`: the reader reported a comment. */
export class CommentReportedEvent extends Event {
  constructor(
    readonly commentId: string,
    readonly reason: string,
  ) {
    super('palabre-reported', init)
  }
}

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
