import { LitElement, html, nothing } from 'lit'
import type { Comment } from './api.ts'
import { renderBody } from './body.ts'
import type { Ctx } from './context.ts'
import { fire } from './events.ts'
import './palabre-composer.ts'
import type { Send } from './palabre-composer.ts'
import { base } from './styles.ts'
import { styles } from './palabre-comment.styles.ts'

/** The edit form and the delete confirmation, loaded the first time the reader opens one. */
let own: typeof import('./own.ts') | undefined

/** The reader's actions, loaded with the live updates once the first page is on screen. */
let act: typeof import('./act.ts') | undefined
// Once loaded, handed over within the same task (a new `import()` may wait for the next one,
// after a render): the live updates measure and focus before the browser paints.
export const acts = async () => (act ??= await import('./act.ts'))

/**
 * One comment with its actions (like, reply, edit, delete, report) and its replies, as the server
 * nests them (to depth 3), with "show N more replies".
 *
 * @event palabre-posted - A reply was accepted.
 * @event palabre-edited - The reader's comment was changed.
 * @event palabre-deleted - The reader's comment was deleted.
 * @event palabre-liked - The reader liked or unliked the comment.
 * @csspart comment - This comment and, re-exported, every reply.
 * @csspart button - Submit buttons of reply and edit forms.
 */
export class PalabreComment extends LitElement {
  static override styles = [base, styles]

  static override properties = {
    comment: { attribute: false },
    ctx: { attribute: false },
    mode: { state: true },
    busy: { state: true },
  }

  declare comment: Comment
  declare ctx: Ctx
  /** @internal The open form, if any. */
  mode: '' | 'reply' | 'edit' | 'delete' = ''
  private busy = false

  /** Focuses this comment (after posting, loading or deleting). */
  override focus(options?: FocusOptions) {
    void this.updateComplete.then(() => this.renderRoot.querySelector('article')?.focus(options))
  }

  override render() {
    const c = this.comment
    const { i18n, closed, api } = this.ctx
    const { t } = i18n
    const v = c.viewer
    const a = c.author
    // A cursor of '' (set by live updates) reads the replies again from the first.
    const more = c.repliesCursor != null ? c.replyCount - c.replies.length : 0
    const mode = this.mode
    return html`<article
        tabindex="-1"
        class=${'is-' + c.status}
        aria-label=${a ? t('commentBy', undefined, a.name) : t('deleted')}
      >
        ${
          a
            ? html`<header>
                  <span class="author">${a.name}</span>
                  ${a.badge ? html`<span class="badge">${a.badge === 'member' ? t('member') : a.badge}</span>` : nothing}
                  <time class="muted" datetime=${c.createdAt} title=${i18n.date(c.createdAt)}
                    >${i18n.ago(c.createdAt)}</time
                  >
                  ${c.editedAt ? html`<span class="muted">(${t('edited')})</span>` : nothing}
                  ${c.status === 'pending' ? html`<span class="pending">${t('awaiting')}</span>` : nothing}
                </header>
                ${c.replyTo ? html`<p class="muted">${t('replyTo', undefined, '@' + c.replyTo.name)}</p>` : nothing}
                ${
                  mode === 'edit' && own
                    ? own.editor(this)
                    : html`<div class="body">${renderBody(c.body)}</div>`
                }
                <div class="actions">
                  <button
                    aria-pressed=${!!v?.liked}
                    ?disabled=${this.busy}
                    @click=${() => this.act((a) => a.like(this))}
                  >
                    ${v?.liked ? '♥' : '♡'} ${t('like')} <span class="sr">:</span> ${c.likes}
                  </button>
                  ${closed || c.status !== 'published' ? nothing : this.action('reply', t('reply'))}
                  ${v?.canEdit ? this.action('edit', t('edit')) : nothing}
                  ${
                    v?.canDelete
                      ? mode === 'delete' && own
                        ? own.confirm(this)
                        : this.action('delete', t('delete'))
                      : nothing
                  }
                  ${
                    a.id === api.identity?.reader.id
                      ? nothing
                      : html`<button
                          aria-disabled=${v?.reported ? 'true' : nothing}
                          @click=${(e: Event) => this.ctx.report(this.comment, e.currentTarget as HTMLElement)}
                        >
                          ${t(v?.reported ? 'reported' : 'report')}
                        </button>`
                  }
                </div>
                ${
                  mode === 'reply'
                    ? this.composer(
                        t('yourReply', undefined, a.name),
                        t('reply'),
                        this.sendReply,
                        '',
                        `palabre:draft:${api.site}:${this.ctx.article}:${c.id}`,
                      )
                    : nothing
                }`
            : html`<p class="muted">${t('deleted')}</p>`
        }
      </article>
      ${c.replies?.length ? html`<div class="replies"></div>` : nothing}
      ${
        more > 0
          ? html`<button
              ?disabled=${this.busy}
              @click=${() => this.act((a) => a.moreReplies(this))}
            >
              ${t('moreReplies', more)}
            </button>`
          : nothing
      }`
  }

  override updated() {
    list(this.renderRoot.querySelector('.replies'), this.comment.replies, this.ctx)
  }

  private action(mode: 'reply' | 'edit' | 'delete', label: string) {
    return html`<button
      data-a=${mode}
      aria-expanded=${this.mode === mode}
      @click=${() => this.open(mode)}
    >
      ${label}
    </button>`
  }

  /** @internal */
  composer(label: string, submit: string, send: Send, value: string, draftKey = '') {
    return html`<palabre-composer
      cancellable
      ?edit=${!draftKey}
      exportparts="button"
      .ctx=${this.ctx}
      .send=${send}
      .value=${value}
      .label=${label}
      .submitLabel=${submit}
      .draftKey=${draftKey}
      @palabre-cancel=${this.close}
    ></palabre-composer>`
  }

  private async open(mode: 'reply' | 'edit' | 'delete') {
    if (mode !== 'reply') own ??= await import('./own.ts')
    this.mode = this.mode === mode ? '' : mode
    await this.updateComplete
    this.renderRoot
      .querySelector<HTMLElement>(mode === 'delete' ? '.error' : 'palabre-composer')
      ?.focus()
  }

  /** @internal Closes the open form and gives focus back to its button. */
  close = async () => {
    const was = this.mode
    this.mode = ''
    await this.updateComplete
    // Back to the button that opened the form.
    this.renderRoot.querySelector<HTMLElement>(`[data-a=${was}]`)?.focus()
  }

  private sendReply = async (body: string, key: string) => {
    const { api, article, meta } = this.ctx
    const res = await api.post(article, { body, parentId: this.comment.id, ...meta }, key)
    this.mode = ''
    fire(this, 'posted', res)
    return this.ctx.insert(res)
  }

  /** @internal Runs a reader action (with `act.ts` at hand), busy meanwhile; a failure is announced. */
  async act(fn: (a: typeof import('./act.ts')) => Promise<unknown>) {
    this.busy = true
    try {
      await fn(await acts())
    } catch (err) {
      this.ctx.announce((err as Error).message || this.ctx.i18n.t('error'))
    } finally {
      this.busy = false
    }
  }
}

/**
 * Keeps one `<palabre-comment>` per comment in `box`, matched by id: an element stays with its
 * comment (and its open form, its focus) when others are inserted before it or removed, as live
 * updates and the reader's own posts do. Lit's positional lists would hand it another comment.
 */
export function list(box: Element | null, comments: Comment[], ctx: Ctx) {
  if (!box) return
  const old = new Map([...box.children].map((el) => [(el as PalabreComment).comment.id, el]))
  let at = box.firstElementChild
  for (const comment of comments) {
    let el = old.get(comment.id) as PalabreComment | undefined
    old.delete(comment.id)
    if (!el) {
      el = document.createElement('palabre-comment')
      el.setAttribute('part', 'comment')
      el.setAttribute('exportparts', 'comment, button')
    }
    Object.assign(el, { comment, ctx })
    if (el === at) at = at.nextElementSibling
    else box.insertBefore(el, at)
  }
  for (const el of old.values()) el.remove()
}

if (!customElements.get('palabre-comment')) customElements.define('palabre-comment', PalabreComment)

declare global {
  interface HTMLElementTagNameMap {
    'palabre-comment': PalabreComment
  }
}
