/**
 * What the reader does with a shown discussion: likes, more comments and replies, the rules panel,
 * the report dialog, and placing and focusing a comment they posted. Loaded with the live updates
 * once the first page is on screen (actions before that wait for it), so none of it weighs on
 * showing the comments.
 */
import type { Comment, PostResult, Sort } from './api.ts'
import { merge } from './context.ts'
import { fire } from './events.ts'
import type { PalabreComment } from './palabre-comment.ts'
import type { PalabreThread } from './palabre-thread.ts'
// Loaded from the thread's modules; importing it back keeps Lit and the thread's code in one file
// for the first download, instead of a shared chunk the bundler would split out for this module.
import './palabre-thread.ts'

// This chunk's own strings: what became of a comment the reader posted (or edited, in own.ts).
const OUTCOME = {
  fr: {
    published: 'Votre commentaire est publié.',
    pending: 'Votre commentaire sera visible de tous après relecture par la modération.',
  },
  en: {
    published: 'Your comment is posted.',
    pending: 'Your comment will be visible to everyone once a moderator has reviewed it.',
  },
}

/** The notice for a comment the reader posted: the server's, else its outcome. */
export const outcome = (lang: 'fr' | 'en', res: Omit<PostResult, 'comment'>) =>
  res.notice || OUTCOME[lang][res.outcome]

/** Likes or unlikes `el`'s comment (likes need an identity: the reader is asked for a name). */
export async function like(el: PalabreComment) {
  const { api, update, askIdentity } = el.ctx
  if (!api.identity) return askIdentity()
  const c = el.comment
  const on = !c.viewer?.liked
  const { liked, likes } = await api.like(c.id, on)
  update(c.id, (x) => ({ ...x, likes, viewer: { ...x.viewer!, liked } }))
  fire(el, 'liked', { commentId: c.id, liked: on })
}

/** The next replies of `el`'s comment; focus goes to the first that arrived. */
export async function moreReplies(el: PalabreComment) {
  const c = el.comment
  const first = c.replies.length
  const page = await el.ctx.api.replies(c.id, c.repliesCursor!)
  el.ctx.update(c.id, (x) => ({
    ...x,
    replies: merge(x.replies, page.comments),
    repliesCursor: page.nextCursor,
  }))
  await el.updateComplete
  el.renderRoot.querySelectorAll<PalabreComment>('palabre-comment')[first]?.focus()
}

/** The next page of comments; focus goes to the first that arrived. */
export async function more(th: PalabreThread) {
  try {
    const arrived = await th.store.more()
    const first = arrived[0]
    th.say('loaded', arrived.length)
    if (first) await focusComment(th, first.id)
    else th.renderRoot.querySelector<HTMLElement>('.more')?.focus()
  } catch (err) {
    th.ctx.announce((err as Error).message)
  }
}

/** Reloads the first page in the order chosen in the sort menu. */
export async function sort(th: PalabreThread) {
  th.store.sort = th.renderRoot.querySelector('select')!.value as Sort
  await th.load()
  th.say('loaded', th.store.comments.length)
}

/** Shows a comment the reader just posted, says what became of it, and focuses it. */
export async function insert(th: PalabreThread, res: PostResult) {
  th.store.insert(res)
  const notice = outcome(th.ctx.i18n.lang, res)
  th.ctx.announce(notice)
  await focusComment(th, res.comment.id)
  return notice
}

/** Focuses comment `id` once rendered. */
export async function focusComment(th: PalabreThread, id: string, options?: FocusOptions) {
  await th.updateComplete
  // Comments nest in each other's shadow roots: walk down until the one with this id.
  let roots: ParentNode[] = [th.renderRoot]
  while (roots.length) {
    const next: ParentNode[] = []
    for (const root of roots) {
      for (const el of root.querySelectorAll<PalabreComment>('palabre-comment')) {
        if (el.comment.id === id) return el.focus(options)
        await el.updateComplete
        next.push(el.renderRoot)
      }
    }
    roots = next
  }
}

/** Loads the site's rules; their length limit replaces the default one. */
export async function loadRules(th: PalabreThread) {
  const rules = await th.api.rules()
  th.ctx = { ...th.ctx, maxLength: rules.limits?.maxLength ?? th.ctx.maxLength }
  return rules
}

/** Opens the rules panel (focused) or closes it (focus back to its button). */
export async function toggleRules(th: PalabreThread, open: boolean) {
  th.rulesOpen = open
  if (open) await import('./palabre-rules.ts')
  await th.updateComplete
  th.renderRoot.querySelector<HTMLElement>(open ? '#rules' : 'button')?.focus()
}

/** Says that likes and reports need a name first, and focuses the main composer. */
export function askIdentity(th: PalabreThread) {
  th.ctx.announce(
    th.ctx.i18n.lang === 'en'
      ? 'First enter your name in the comment form.'
      : 'Indiquez d’abord votre nom dans le formulaire de commentaire.',
  )
  th.renderRoot.querySelector('palabre-composer')?.focus()
}

/** Opens the report dialog for `c` (once, with an identity); focus returns to `opener` afterwards. */
export async function report(th: PalabreThread, c: Comment, opener: HTMLElement) {
  if (c.viewer?.reported) return
  if (!th.api.identity) return askIdentity(th)
  await import('./palabre-report.ts')
  let dlg = th.renderRoot.querySelector('palabre-report')
  if (!dlg) {
    dlg = document.createElement('palabre-report')
    th.renderRoot.querySelector('section')!.append(dlg)
  }
  dlg.open(c, th.ctx, opener)
}
