import { html, nothing, type TemplateResult } from 'lit'
import type { QueueItem, Reason } from './api.ts'
import type { Lang, T } from './strings.ts'

/**
 * Splits a body into plain and highlighted pieces from the reasons' spans (UTF-16 offsets, as the
 * server computes them); overlapping spans merge. Text stays text: Lit bindings, never HTML.
 */
export function highlight(body: string, reasons: Reason[]): (string | TemplateResult)[] {
  const spans = reasons
    .flatMap((r) => r.spans.map((s) => ({ ...s, rule: r.rule })))
    .filter((s) => s.start >= 0 && s.end <= body.length && s.start < s.end)
    .sort((a, b) => a.start - b.start)
  const out: (string | TemplateResult)[] = []
  let at = 0
  for (const span of spans) {
    if (span.end <= at) continue
    const start = Math.max(span.start, at)
    if (start > at) out.push(body.slice(at, start))
    out.push(html`<mark title=${span.rule}>${body.slice(start, span.end)}</mark>`)
    at = span.end
  }
  if (at < body.length) out.push(body.slice(at))
  return out
}

/** One queue item: the comment with its spans marked, why it is here, its context and its author. */
export function renderItem(
  item: QueueItem,
  o: { t: T; lang: Lang; current: boolean; selected: boolean; index: number; onSelect: (on: boolean) => void },
): TemplateResult {
  const { t, lang } = o
  const { comment, thread, author } = item
  const date = (iso: string) => new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' })
  const headingId = `item-${comment.id}-h`
  return html`
    <article
      class="item ${o.current ? 'current' : ''} prio-${comment.priority}"
      tabindex="-1"
      data-id=${comment.id}
      aria-labelledby=${headingId}
      aria-current=${o.current ? 'true' : 'false'}
    >
      <header class="item-head">
        <label class="pick">
          <input type="checkbox" .checked=${o.selected} @change=${(e: Event) => o.onSelect((e.target as HTMLInputElement).checked)} />
          <span class="visually-hidden">${t('select')} ${author.name}</span>
        </label>
        <h3 id=${headingId}>${author.name} · <time datetime=${comment.createdAt}>${date(comment.createdAt)}</time></h3>
        ${comment.priority !== 'normal' ? html`<span class="badge prio">${t(`priority_${comment.priority}`)}</span>` : nothing}
      </header>
      <p class="context">
        ${t('article')}${t('colon')}
        ${thread.url ? html`<a href=${thread.url} target="_blank" rel="noopener noreferrer">${thread.title || thread.article}</a>` : thread.title || thread.article}
      </p>
      ${comment.parent
        ? html`<blockquote class="parent"><p class="small">${t('inReplyTo', { x: comment.parent.author ?? '—' })}</p><p>${comment.parent.excerpt}</p></blockquote>`
        : nothing}
      <p class="body">${highlight(comment.body, item.reasons)}</p>
      ${item.reasons.length
        ? html`<h4>${t('why')}</h4>
            <ul class="reasons">
              ${item.reasons.map((r) => html`<li><span class="rule">${r.rule}</span> ${r.message[lang]}</li>`)}
            </ul>`
        : nothing}
      ${item.reports.length
        ? html`<h4>${t('reportsTitle')}</h4>
            <ul class="reports">
              ${item.reports.map((r) => html`<li>${t(`reason_${r.reason}`)}${r.note ? html` — ${t('quoted', { x: r.note })}` : nothing} <span class="small">(${date(r.createdAt)})</span></li>`)}
            </ul>`
        : nothing}
      <p class="author small">
        ${t('authorTitle')}${t('colon')}${t('authorHistory', { x: author.name, y: new Date(author.createdAt).toLocaleDateString(lang), a: author.approvedCount, r: author.rejectedCount })}
        ${author.sanctions.length
          ? html`<br />${t('sanctionsActive')}${t('colon')}${author.sanctions.map((s) => html`<span class="badge">${t(`kind_${s.kind}`)}${s.until ? ` → ${new Date(s.until).toLocaleDateString(lang)}` : ''}</span> `)}`
          : nothing}
      </p>
      ${comment.decision
        ? html`<p class="small">${t(comment.decision.action === 'approve' ? 'approved' : 'rejected')} · ${date(comment.decision.at)}${comment.decision.reason ? ` · ${t(`reason_${comment.decision.reason}`)}` : ''}</p>`
        : nothing}
    </article>
  `
}
