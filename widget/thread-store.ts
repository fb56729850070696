import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { Api, Comment, PostResult, Sort, ThreadInfo, ThreadPage } from './api.ts'
import { mapTree, merge } from './context.ts'

/** Where the discussion stands: `more` while a next page loads over the shown ones. */
export type Phase = 'idle' | 'loading' | 'more' | 'ready' | 'error'

/**
 * The discussion's data for `<palabre-thread>`: the thread, the comment tree, the page cursor and
 * the sort, with every change of it in one place. Each change re-renders the host.
 */
export class ThreadStore implements ReactiveController {
  thread: ThreadInfo | null = null
  comments: Comment[] = []
  cursor: string | null = null
  sort: Sort = 'newest'
  phase: Phase = 'idle'

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly api: () => Api,
    private readonly article: () => string,
  ) {
    host.addController(this)
  }

  hostConnected() {}

  get closed() {
    return this.thread?.status === 'closed'
  }

  set(patch: Partial<ThreadStore>) {
    Object.assign(this, patch)
    this.host.requestUpdate()
  }

  /** Loads the first page in the current sort (from the loader's prefetch when given). */
  async load(prefetched?: Promise<Response>): Promise<ThreadInfo | null> {
    this.set({ phase: 'loading', comments: [], cursor: null })
    const api = this.api()
    try {
      const page = prefetched
        ? await api.read<ThreadPage>(await prefetched)
        : await api.thread(this.article(), this.sort)
      this.set({
        thread: page.thread,
        comments: page.comments,
        cursor: page.nextCursor,
        phase: 'ready',
      })
      return page.thread
    } catch {
      // A prefetch may have carried a stale token (now forgotten): ask once more, directly.
      if (prefetched) return this.load()
      // Shown as the error state with a retry button; the cause is in the network panel.
      this.set({ phase: 'error' })
      return null
    }
  }

  /** Appends the next page; resolves to the comments that arrived. */
  async more(): Promise<Comment[]> {
    this.set({ phase: 'more' })
    try {
      const page = await this.api().thread(this.article(), this.sort, this.cursor!)
      this.set({ comments: merge(this.comments, page.comments), cursor: page.nextCursor })
      return page.comments
    } finally {
      this.set({ phase: 'ready' })
    }
  }

  /** Replaces comment `id` wherever it is with `fn(comment)`; null removes it. */
  update(id: string, fn: (c: Comment) => Comment | null) {
    this.set({ comments: mapTree(this.comments, id, fn) })
  }

  /** Places a comment the reader just posted: first (or last in other sorts), or under its parent. */
  insert({ comment: c }: PostResult) {
    const th = this.thread
    if (th && c.status === 'published')
      this.set({ thread: { ...th, commentCount: th.commentCount + 1 } })
    if (!c.parentId) {
      this.set({
        comments: this.sort === 'newest' ? [c, ...this.comments] : merge(this.comments, [c]),
      })
    } else {
      this.update(c.parentId, (p) => ({
        ...p,
        replies: merge(p.replies ?? [], [c]),
        replyCount: p.replyCount + 1,
      }))
    }
  }
}
