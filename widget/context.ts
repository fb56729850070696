/**
 * What `<palabre-thread>` shares with its sub-elements: the API client, the translator, the
 * thread's state and the few actions that change the comment tree. A new object is handed down
 * whenever a value in it changes, so sub-elements re-render.
 */
import type { Api, Comment, PostResult, Rules } from './api.ts'
import type { I18n } from './i18n.ts'

export interface Ctx {
  api: Api
  i18n: I18n
  article: string
  /** Extra fields sent with a new comment (title, url of the article). */
  meta: { title?: string; url?: string }
  closed: boolean
  maxLength: number
  /** Says `msg` through the polite live region. */
  announce(msg: string): void
  /** Replaces comment `id` wherever it is in the tree with `fn(comment)`; null removes it. */
  update(id: string, fn: (c: Comment) => Comment | null): void
  /** Shows a comment the reader just posted, announces the outcome, focuses it; resolves to the notice. */
  insert(res: PostResult): Promise<string>
  /** Loads the rules once (limits for the counter, text for the panel). */
  rules(): Promise<Rules>
  /** Opens the rules panel in place. */
  openRules(): void
  /** Opens the report dialog for `c` (a name first); focus returns to `opener` afterwards. */
  report(c: Comment, opener: HTMLElement): void
  /** Fires `palabre-reported` from the thread (the dialog is loaded apart from the events). */
  reported(id: string, reason: string): void
  /** Guest sign-in from a composer, or SSO when the host page gave a token. */
  signIn(guest: { name: string; email?: string }): Promise<void>
  /** Forgets the guest identity (to comment under another name). */
  signOut(): void
  /** Focuses the guest name field of the main composer (likes and reports need an identity). */
  askIdentity(): void
}

/**
 * Maps the tree, replacing the comment `id` by `fn(comment)` (null removes it); untouched branches
 * keep their identity, so only the changed comments re-render.
 */
export function mapTree(
  list: Comment[],
  id: string,
  fn: (c: Comment) => Comment | null,
): Comment[] {
  let changed = false
  const out = list.map((c) => {
    if (c.id === id) return ((changed = true), fn(c))
    if (!c.replies?.length) return c
    const replies = mapTree(c.replies, id, fn)
    return replies === c.replies ? c : ((changed = true), { ...c, replies })
  })
  return changed ? out.filter((c): c is Comment => !!c) : list
}

/** Appends `items` to `list`, skipping ids already there (pages can overlap after a post). */
export function merge(list: Comment[], items: Comment[]): Comment[] {
  const seen = new Set(list.map((c) => c.id))
  return [...list, ...items.filter((c) => !seen.has(c.id))]
}
