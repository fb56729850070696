/**
 * The reader's own comment: the edit form and the delete confirmation of `<palabre-comment>`,
 * loaded the first time the reader opens one (most readers never do), with their own strings.
 */
import { html } from 'lit'
import type { PostResult } from './api.ts'
import { fire } from './events.ts'
import { acts, type PalabreComment } from './palabre-comment.ts'
// Loaded from the thread's modules; importing it back keeps Lit and the thread's code in one file
// for the first download, instead of a shared chunk the bundler would split out for this module.
import './palabre-thread.ts'

const fr = {
  editLabel: 'Modifier votre commentaire',
  save: 'Enregistrer',
  saved: 'Votre modification est enregistrée.',
  confirmDelete: 'Confirmer la suppression',
  removed: 'Votre commentaire est supprimé.',
}

const STRINGS: Record<'fr' | 'en', typeof fr> = {
  fr,
  en: {
    editLabel: 'Edit your comment',
    save: 'Save',
    saved: 'Your change is saved.',
    confirmDelete: 'Confirm deletion',
    removed: 'Your comment is deleted.',
  },
}

const strings = (el: PalabreComment) => STRINGS[el.ctx.i18n.lang]
const path = (el: PalabreComment) => '/comments/' + encodeURIComponent(el.comment.id)

/** The edit form in place of the body (the rules check the new text again). */
export function editor(el: PalabreComment) {
  const s = strings(el)
  return el.composer(s.editLabel, s.save, (body) => save(el, body), el.comment.body)
}

async function save(el: PalabreComment, body: string) {
  const { api, update, announce, i18n } = el.ctx
  const { comment, outcome, notice } = await api.call<PostResult>('PATCH', path(el), { body })
  el.mode = ''
  update(comment.id, (c) => ({ ...c, ...comment, replies: c.replies }))
  fire(el, 'edited', { comment })
  // The pending notice is the one a new comment gets (in act.ts, already loaded by then).
  const said = outcome === 'pending' ? (await acts()).outcome(i18n.lang, { outcome, notice }) : ''
  announce(said || notice || strings(el).saved)
  el.focus()
}

/** "Confirm deletion" and "Cancel", in place of the delete button. */
export function confirm(el: PalabreComment) {
  return html`<button class="error" @click=${() => remove(el)}>${strings(el).confirmDelete}</button>
    <button @click=${el.close}>${el.ctx.i18n.t('cancel')}</button>`
}

function remove(el: PalabreComment) {
  const { api, update, announce } = el.ctx
  const id = el.comment.id
  return el.act(async () => {
    await api.call('DELETE', path(el))
    el.mode = ''
    // Kept as a tombstone until the next load, so focus and the replies keep their place.
    update(id, (c) => ({ ...c, status: 'deleted', author: null, body: '', viewer: null }))
    fire(el, 'deleted', { commentId: id })
    announce(strings(el).removed)
    el.focus()
  })
}
