/**
 * Sending from `<palabre-composer>`: the checks, the guest sign-in, the Idempotency-Key kept for a
 * retry, and the refusal detail (spans, way to the rules). Loaded when the reader first enters a
 * form, so none of it weighs on showing the comments.
 */
import { ApiError, newKey } from './api.ts'
import type { PalabreComposer } from './palabre-composer.ts'
import { save } from './storage.ts'
// Loaded from the thread's modules; importing it back keeps Lit and the thread's code in one file
// for the first download, instead of a shared chunk the bundler would split out for this module.
import './palabre-thread.ts'

export { refusal } from './refusal.ts'

// This chunk's own strings: the name, then the text, is missing.
const MISSING: Record<'fr' | 'en', [string, string]> = {
  fr: ['Indiquez votre nom pour commenter.', 'Écrivez votre commentaire.'],
  en: ['Enter your name to comment.', 'Write your comment.'],
}

export async function submit(el: PalabreComposer) {
  if (el.busy) return
  const { i18n, api } = el.ctx
  const text = el.text
  const input = el.nameInput
  const fail = (message: string, field: HTMLElement) => {
    el.error = Object.assign(new ApiError(400, 'input', message), { text })
    field.focus()
  }
  const guest = !el.edit && !api.identity
  const name = input?.value.trim() ?? ''
  const [needName, needText] = MISSING[i18n.lang]
  if (guest && !name) return fail(needName, input ?? el.area)
  if (!text.trim()) return fail(needText, el.area)
  el.busy = true
  el.notice = ''
  // A retry of the same text reuses the key of the attempt whose answer was lost.
  if (!el.key || el.keyFor !== text) el.key = newKey()
  el.keyFor = text
  el.persist()
  try {
    if (guest) {
      save('palabre:name', name)
      await el.ctx.signIn({
        name,
        email: el.renderRoot.querySelector<HTMLInputElement>('#e')?.value || undefined,
      })
    }
    const notice = await el.send(text, el.key)
    el.error = null
    el.key = ''
    el.text = el.edit ? text : ''
    if (el.draftKey) save(el.draftKey, null)
    el.notice = notice || ''
  } catch (err) {
    const ae = err instanceof ApiError ? err : new ApiError(0, 'error', i18n.t('error'))
    if (ae.status) el.key = ''
    el.persist()
    const message = ae.status ? ae.message : i18n.t('network')
    el.error = Object.assign(new ApiError(ae.status, ae.code, message, ae.rule, ae.spans), {
      text,
    })
    el.ctx.announce(message)
    el.area.focus()
  } finally {
    el.busy = false
  }
}
