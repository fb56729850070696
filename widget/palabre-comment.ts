import { LitElement, html, nothing } from 'lit'
import type { Comment } from './api.ts'
import { renderBody } from './body.ts'
import type { Ctx } from './context.ts'
import { merge } from './context.ts'
import {
  CommentDeletedEvent,
  CommentEditedEvent,
  CommentLikedEvent,
  CommentPostedEvent,
} from './events.ts'
import './palabre-composer.ts'
import type { Send } from './palabre-composer.ts'
import { base } from './styles.ts'
import { styles } from './palabre-comment.styles.ts'

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
  private mode: '' | 'reply' | 'edit' | 'delete' = ''
  private busy = false

  /** Focuses this comment (after posting, loading or deleting). */
  override focus() {
    void this.updateComplete.then(() => this.renderRoot.querySelector('article')?.focus())
  }

  override render() {
    const c = this.comment
    const { i18n, closed, api } = this.ctx
    const { t } = i18n
    const v = c.viewer
    const a = c.author
    const more = c.repliesCursor ? c.replyCount - c.replies.length : 0
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
                  mode === 'edit'
                    ? this.composer(t('editLabel'), t('save'), this.saveEdit, c.body)
                    : html`<div class="body">${renderBody(c.body)}</div>`
                }
                <div class="actions">
                  <button aria-pressed=${!!v?.liked} ?disabled=${this.busy} @click=${this.like}>
                    ${v?.liked ? '♥' : '♡'} ${t('like')} <span class="sr">:</span> ${c.likes}
                  </button>
                  ${closed || c.status !== 'published' ? nothing : this.action('reply', t('reply'))}
                  ${v?.canEdit ? this.action('edit', t('edit')) : nothing}
                  ${
                    v?.canDelete
                      ? mode === 'delete'
                        ? html`<button class="error" @click=${this.del}>
                              ${t('confirmDelete')}
                            </button>
                            <button @click=${this.close}>${t('cancel')}</button>`
                        : this.action('delete', t('delete'))
                      : nothing
                  }
                  ${
                    a.id === api.identity?.reader.id
                      ? nothing
                      : html`<button
                          aria-disabled=${v?.reported ? 'true' : nothing}
                          @click=${this.report}
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
      ${
        c.replies?.length
          ? html`<div class="replies">
              ${c.replies.map(
                (r) =>
                  html`<palabre-comment
                    part="comment"
                    exportparts="comment, button"
                    .comment=${r}
                    .ctx=${this.ctx}
                  ></palabre-comment>`,
              )}
            </div>`
          : nothing
      }
      ${
        more > 0
          ? html`<button ?disabled=${this.busy} @click=${this.moreReplies}>
              ${t('moreReplies', more)}
            </button>`
          : nothing
      }`
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

  private composer(label: string, submit: string, send: Send, value: string, draftKey = '') {
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
    this.mode = this.mode === mode ? '' : mode
    await this.updateComplete
    this.renderRoot
      .querySelector<HTMLElement>(mode === 'delete' ? '.error' : 'palabre-composer')
      ?.focus()
  }

  private close = async () => {
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
    this.dispatchEvent(new CommentPostedEvent(res.comment, res.outcome))
    return this.ctx.insert(res)
  }

  private saveEdit = async (body: string) => {
    const { comment, outcome, notice } = await this.ctx.api.edit(this.comment.id, body)
    this.mode = ''
    this.ctx.update(comment.id, (c) => ({ ...c, ...comment, replies: c.replies }))
    this.dispatchEvent(new CommentEditedEvent(comment))
    this.ctx.announce(notice || this.ctx.i18n.t(outcome === 'pending' ? 'pendingNotice' : 'saved'))
    this.focus()
  }

  private async act(fn: () => Promise<unknown>) {
    this.busy = true
    try {
      await fn()
    } catch (err) {
      this.ctx.announce((err as Error).message || this.ctx.i18n.t('error'))
    } finally {
      this.busy = false
    }
  }

  private like() {
    const { api, update } = this.ctx
    if (!api.identity) return this.ctx.askIdentity()
    const c = this.comment
    const on = !c.viewer?.liked
    return this.act(async () => {
      const { liked, likes } = await api.like(c.id, on)
      update(c.id, (x) => ({ ...x, likes, viewer: { ...x.viewer!, liked } }))
      this.dispatchEvent(new CommentLikedEvent(c.id, on))
    })
  }

  private report(e: Event) {
    if (this.comment.viewer?.reported) return
    if (!this.ctx.api.identity) return this.ctx.askIdentity()
    this.ctx.report(this.comment, e.currentTarget as HTMLElement)
  }

  private del() {
    const { api, update, i18n, announce } = this.ctx
    const id = this.comment.id
    return this.act(async () => {
      await api.remove(id)
      this.mode = ''
      // Kept as a tombstone until the next load, so focus and the replies keep their place.
      update(id, (c) => ({ ...c, status: 'deleted', author: null, body: '', viewer: null }))
      this.dispatchEvent(new CommentDeletedEvent(id))
      announce(i18n.t('removed'))
      this.focus()
    })
  }

  private moreReplies() {
    const c = this.comment
    const first = c.replies.length
    return this.act(async () => {
      const page = await this.ctx.api.replies(c.id, c.repliesCursor!)
      this.ctx.update(c.id, (x) => ({
        ...x,
        replies: merge(x.replies, page.comments),
        repliesCursor: page.nextCursor,
      }))
      await this.updateComplete
      const next = this.renderRoot.querySelectorAll('palabre-comment')[first]
      next?.focus()
    })
  }
}

if (!customElements.get('palabre-comment')) customElements.define('palabre-comment', PalabreComment)

declare global {
  interface HTMLElementTagNameMap {
    'palabre-comment': PalabreComment
  }
}
