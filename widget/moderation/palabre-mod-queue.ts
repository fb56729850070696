import { LitElement, html, css, nothing } from 'lit'
import type { ModerationApi, QueueItem, QueueName } from './api.ts'
import { renderItem } from './mod-item.ts'
import { REJECT_REASONS, type Lang, type T } from './strings.ts'
import { appStyles } from './styles.ts'
import { AnnounceEvent, CountsEvent } from './events.ts'
import './palabre-mod-sanction.ts'
import type { PalabreModSanction } from './palabre-mod-sanction.ts'

/**
 * One queue, worked by mouse or by keyboard alone: j/k move, a approves, r rejects with a reason,
 * s sanctions the author, x selects for a bulk decision. Decided items leave the list and focus
 * moves to the next one.
 *
 * Fires `palabre-announce` (for the live region) and `palabre-counts` (fresh queue counts).
 */
export class PalabreModQueue extends LitElement {
  static override styles = [
    appStyles,
    css`
      ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem; }
      .item { background: var(--mod-bg); border: 1px solid var(--mod-border); border-radius: 0.6rem; padding: 0.75rem 1rem; }
      .item.current { outline: 3px solid var(--mod-accent); outline-offset: 2px; }
      .item.prio-urgent { border-left: 6px solid var(--mod-danger); }
      .item-head { display: flex; gap: 0.5rem; align-items: center; }
      .item-head h3 { font-size: 1rem; margin: 0; flex: 1; }
      .pick { margin: 0; }
      .body { white-space: pre-wrap; font-size: 1.05rem; }
      .parent { margin: 0.5rem 0; padding-left: 0.75rem; border-left: 3px solid var(--mod-border); color: var(--mod-muted); }
      h4 { font-size: 0.9rem; margin: 0.5rem 0 0.25rem; }
      ul { margin: 0; padding-left: 1.2rem; }
      .rule { font-family: ui-monospace, monospace; font-size: 0.8rem; }
      .bulk { position: sticky; top: 0; background: var(--mod-surface); padding: 0.5rem; z-index: 1; }
    `,
  ]

  static override properties = {
    site: {},
    queue: {},
    locale: {},
    items: { state: true },
    cursor: { state: true },
    index: { state: true },
    selected: { state: true },
    loading: { state: true },
  }

  site = ''
  queue: QueueName = 'pending'
  locale: Lang = 'fr'
  api!: ModerationApi
  t!: T
  private items: QueueItem[] = []
  private cursor: string | null = null
  private index = 0
  private selected = new Set<string>()
  private loading = false
  private rejecting: string[] = []
  private onKey = (e: KeyboardEvent) => this.key(e)

  override connectedCallback() {
    super.connectedCallback()
    document.addEventListener('keydown', this.onKey)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    document.removeEventListener('keydown', this.onKey)
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('site') || changed.has('queue')) void this.load(false)
  }

  /** Loads the first page (or the next one with `more`). */
  async load(more: boolean) {
    this.loading = true
    try {
      const page = await this.api.queue(this.site, this.queue, more ? this.cursor : null)
      this.items = more ? [...this.items, ...page.items] : page.items
      this.cursor = page.nextCursor
      if (!more) {
        this.index = 0
        this.selected = new Set()
      }
      this.dispatchEvent(new CountsEvent(page.counts))
    } catch (err) {
      this.dispatchEvent(new AnnounceEvent((err as Error).message))
    } finally {
      this.loading = false
    }
  }

  override render() {
    const t = this.t
    if (this.loading && this.items.length === 0) return html`<p>${t('loading')}</p>`
    if (this.items.length === 0) return html`<p>${t('empty')}</p>`
    return html`
      ${this.selected.size
        ? html`<div class="bulk row" role="group" aria-label=${t('selected', { x: this.selected.size })}>
            <span>${t('selected', { x: this.selected.size })}</span>
            <button class="primary" @click=${() => this.bulk('approve')}>${t('bulkApprove')}</button>
            <button class="danger" @click=${() => this.openReject([...this.selected])}>${t('bulkReject')}</button>
          </div>`
        : nothing}
      <ol aria-label=${t(this.queue)}>
        ${this.items.map(
          (item, i) => html`<li>
            ${renderItem(item, {
              t,
              lang: this.locale,
              current: i === this.index,
              selected: this.selected.has(item.comment.id),
              index: i,
              onSelect: (on) => this.toggle(item.comment.id, on),
            })}
            <div class="row">
              ${this.queue !== 'approved'
                ? html`<button class="primary" @click=${() => this.decide([item.comment.id], 'approve')}>${t('approve')}</button>`
                : nothing}
              ${this.queue !== 'rejected' ? html`<button class="danger" @click=${() => this.openReject([item.comment.id])}>${t('reject')}</button>` : nothing}
              <button @click=${() => this.openSanction(item)}>${t('sanction')}</button>
            </div>
          </li>`,
        )}
      </ol>
      ${this.cursor ? html`<div class="row"><button @click=${() => this.load(true)}>${t('more')}</button></div>` : nothing}
      <dialog id="reject" aria-labelledby="reject-title" @close=${this.restoreFocus}>
        <form @submit=${this.confirmReject}>
          <h2 id="reject-title">${t('rejectTitle')}</h2>
          <label for="reject-reason">${t('reasonLabel')}</label>
          <select id="reject-reason" autofocus>
            ${REJECT_REASONS.map((r) => html`<option value=${r}>${t(`reason_${r}`)}</option>`)}
          </select>
          <div class="row">
            <button class="danger" type="submit">${t('confirm')}</button>
            <button type="button" @click=${() => this.dialog('reject').close()}>${t('cancel')}</button>
          </div>
        </form>
      </dialog>
      <palabre-mod-sanction .api=${this.api} .t=${this.t} @close=${this.restoreFocus}></palabre-mod-sanction>
    `
  }

  private key(e: KeyboardEvent) {
    if (e.ctrlKey || e.metaKey || e.altKey || this.items.length === 0) return
    const origin = e.composedPath()[0] as HTMLElement | undefined
    if (origin && /^(INPUT|TEXTAREA|SELECT)$/.test(origin.tagName) && origin.getAttribute('type') !== 'checkbox') return
    if (this.renderRoot.querySelector('dialog[open]') || document.querySelector('dialog[open]')) return
    const item = this.items[this.index]
    const actions: Record<string, () => void> = {
      j: () => this.move(1),
      k: () => this.move(-1),
      a: () => item && void this.decide([item.comment.id], 'approve'),
      r: () => item && this.openReject([item.comment.id]),
      s: () => item && this.openSanction(item),
      x: () => item && this.toggle(item.comment.id, !this.selected.has(item.comment.id)),
    }
    const action = actions[e.key]
    if (!action) return
    e.preventDefault()
    action()
  }

  private move(by: number) {
    this.index = Math.max(0, Math.min(this.items.length - 1, this.index + by))
    void this.focusCurrent()
  }

  /** Moves keyboard focus to the current item (after the list re-renders). */
  async focusCurrent() {
    await this.updateComplete
    const el = this.renderRoot.querySelectorAll<HTMLElement>('article.item')[this.index]
    el?.focus()
    el?.scrollIntoView({ block: 'nearest' })
  }

  private toggle(id: string, on: boolean) {
    const next = new Set(this.selected)
    if (on) next.add(id)
    else next.delete(id)
    this.selected = next
  }

  private dialog(id: string) {
    return this.renderRoot.querySelector<HTMLDialogElement>(`#${id}`)!
  }

  private openReject(ids: string[]) {
    this.rejecting = ids
    this.dialog('reject').showModal()
  }

  private confirmReject(e: Event) {
    e.preventDefault()
    const reason = this.renderRoot.querySelector<HTMLSelectElement>('#reject-reason')!.value
    this.dialog('reject').close()
    void this.decide(this.rejecting, 'reject', reason)
  }

  private openSanction(item: QueueItem) {
    this.renderRoot.querySelector<PalabreModSanction>('palabre-mod-sanction')!.open(item.author)
  }

  private restoreFocus = () => void this.focusCurrent()

  private bulk(action: 'approve') {
    void this.decide([...this.selected], action)
  }

  /** Decides each comment; decided ones leave a work queue; the outcome is announced. */
  private async decide(ids: string[], action: 'approve' | 'reject', reason?: string) {
    const done = new Set<string>()
    let message = ''
    for (const id of ids) {
      try {
        // From the history tabs a decision deliberately overrides the earlier one.
        await this.api.decide(id, action, reason, this.queue === 'approved' || this.queue === 'rejected')
        done.add(id)
      } catch (err) {
        message = (err as Error).message
        done.add(id) // decided by someone else: it left the queue either way
      }
    }
    this.items = this.items.filter((i) => !done.has(i.comment.id))
    this.selected = new Set([...this.selected].filter((id) => !done.has(id)))
    this.index = Math.min(this.index, Math.max(0, this.items.length - 1))
    const t = this.t
    const said = ids.length > 1 ? t('bulkDone', { x: done.size }) : t(action === 'approve' ? 'approvedOne' : 'rejectedOne')
    this.dispatchEvent(new AnnounceEvent(message || said))
    void this.refreshCounts()
    await this.focusCurrent()
  }

  private async refreshCounts() {
    const page = await this.api.queue(this.site, 'pending').catch(() => undefined)
    if (page) this.dispatchEvent(new CountsEvent(page.counts))
  }
}

if (!customElements.get('palabre-mod-queue')) customElements.define('palabre-mod-queue', PalabreModQueue)

declare global {
  interface HTMLElementTagNameMap {
    'palabre-mod-queue': PalabreModQueue
  }
}
