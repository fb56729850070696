import { LitElement, html, nothing } from 'lit'
import type { Comment } from './api.ts'
import type { Ctx } from './context.ts'
import { base } from './styles.ts'
// Loaded from the thread; importing it back keeps Lit and the thread's code in one file for the
// first download, instead of a shared chunk the bundler would split out for this module.
import './palabre-thread.ts'
import { styles } from './palabre-report.styles.ts'

// The server's own list (a constants-only module): the dialog offers exactly what the API accepts.
import { REPORT_REASONS as REASONS } from '../server/reports/report-reasons.ts'

// The dialog's own strings travel with it: the first page of a discussion does not need them.
const fr = {
  reportTitle: 'Signaler ce commentaire',
  reportHint:
    'Vous n’êtes pas d’accord ? Répondez plutôt. Le signalement sert aux commentaires qui enfreignent les règles de conduite.',
  reason: 'Motif du signalement',
  note: 'Précisions (facultatif)',
  sendReport: 'Envoyer le signalement',
  reportThanks: 'Merci : votre signalement est transmis à la modération.',
  chooseReason: 'Choisissez un motif.',
  insult: 'Insulte ou attaque personnelle',
  hate: 'Haine ou discrimination',
  threat: 'Menace ou incitation à la violence',
  obscene: 'Contenu obscène',
  spam: 'Publicité ou spam',
  off_topic: 'Hors sujet',
  privacy: 'Atteinte à la vie privée',
  impersonation: 'Usurpation d’identité',
  illegal: 'Contenu illégal',
  other: 'Autre motif',
}

const STRINGS: Record<'fr' | 'en', typeof fr> = {
  fr,
  en: {
    reportTitle: 'Report this comment',
    reportHint:
      'Do you simply disagree? Reply instead. Reporting is for comments that break the rules of conduct.',
    reason: 'Reason for reporting',
    note: 'Details (optional)',
    sendReport: 'Send report',
    reportThanks: 'Thank you: your report was sent to the moderators.',
    chooseReason: 'Choose a reason.',
    insult: 'Insult or personal attack',
    hate: 'Hate or discrimination',
    threat: 'Threat or incitement to violence',
    obscene: 'Obscene content',
    spam: 'Advertising or spam',
    off_topic: 'Off topic',
    privacy: 'Invasion of privacy',
    impersonation: 'Impersonation',
    illegal: 'Illegal content',
    other: 'Other reason',
  },
}

/**
 * The modal dialog to report a comment: the reasons, an optional note, and a hint to reply rather
 * than report when one merely disagrees. Loaded on demand; focus returns to the report button.
 *
 * The thread fires `palabre-reported` when the report is accepted.
 */
export class PalabreReport extends LitElement {
  static override styles = [base, styles]

  static override properties = {
    comment: { state: true },
    error: { state: true },
    busy: { state: true },
  }

  private comment: Comment | null = null
  private error = ''
  private busy = false
  private ctx!: Ctx
  private opener?: HTMLElement

  /** Opens the dialog for `comment`; focus goes back to `opener` when it closes. */
  async open(comment: Comment, ctx: Ctx, opener: HTMLElement) {
    this.ctx = ctx
    this.comment = comment
    this.opener = opener
    this.error = ''
    await this.updateComplete
    this.renderRoot.querySelector('form')?.reset()
    this.dialog.showModal()
    this.renderRoot.querySelector<HTMLElement>('#hint')?.focus()
  }

  override render() {
    if (!this.comment) return nothing
    const s = STRINGS[this.ctx.i18n.lang]
    return html`<dialog aria-labelledby="title" aria-describedby="hint" @close=${this.closed}>
      <form @submit=${this.submit}>
        <h2 id="title">${s.reportTitle}</h2>
        <p id="hint" class="notice" tabindex="-1">${s.reportHint}</p>
        <fieldset aria-describedby=${this.error ? 'err' : nothing}>
          <legend>${s.reason}</legend>
          ${REASONS.map((r) => html`<label><input type="radio" name="reason" value=${r} /> ${s[r]}</label>`)}
        </fieldset>
        ${this.error ? html`<p id="err" class="error" role="alert">${this.error}</p>` : nothing}
        <label for="note">${s.note}</label>
        <textarea id="note" name="note" maxlength="500" rows="3"></textarea>
        <div class="row">
          <button class="primary" ?disabled=${this.busy}>${s.sendReport}</button>
          <button type="button" @click=${() => this.dialog.close()}>
            ${this.ctx.i18n.t('cancel')}
          </button>
        </div>
      </form>
    </dialog>`
  }

  private get dialog() {
    return this.renderRoot.querySelector('dialog')!
  }

  private closed() {
    this.opener?.focus()
  }

  private async submit(e: Event) {
    e.preventDefault()
    const form = new FormData(e.target as HTMLFormElement)
    const reason = form.get('reason') as string | null
    const { api, i18n, update, announce } = this.ctx
    if (!reason) {
      this.error = STRINGS[i18n.lang].chooseReason
      return this.renderRoot.querySelector<HTMLElement>('input')?.focus()
    }
    const c = this.comment!
    this.busy = true
    try {
      await api.report(c.id, reason, (form.get('note') as string).trim())
      this.dialog.close()
      update(c.id, (x) => ({ ...x, viewer: { ...x.viewer!, reported: true } }))
      this.ctx.reported(c.id, reason)
      announce(STRINGS[i18n.lang].reportThanks)
    } catch (err) {
      this.error = (err as Error).message || i18n.t('error')
    } finally {
      this.busy = false
    }
  }
}

if (!customElements.get('palabre-report')) customElements.define('palabre-report', PalabreReport)

declare global {
  interface HTMLElementTagNameMap {
    'palabre-report': PalabreReport
  }
}
