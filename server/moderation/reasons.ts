import type { Lang } from '../http/i18n.ts'
import type { RuleMatch } from '../rules/rules.types.ts'

/**
 * Why an item is in the queue, in words a moderator reads at a glance (not the author-facing
 * messages, which say how to rephrase). `{term}` is the matched term or the kind of thing found.
 */
const SENTENCES: Record<string, Record<Lang, string>> = {
  'account.sanctioned': { fr: 'L’auteur est banni ou suspendu.', en: 'The author is banned or suspended.' },
  'thread.closed': { fr: 'La discussion est fermée.', en: 'The discussion is closed.' },
  'rate.comment': { fr: 'L’auteur publie trop vite.', en: 'The author is posting too fast.' },
  length: { fr: 'Longueur hors des limites du site.', en: 'Length outside the site’s limits.' },
  shouting: { fr: 'Écrit presque entièrement en majuscules.', en: 'Written almost entirely in capitals.' },
  links: { fr: 'Lien à vérifier ({term}).', en: 'Link to check ({term}).' },
  privacy: { fr: 'Donnée personnelle dans le texte ({term}).', en: 'Personal data in the text ({term}).' },
  duplicate: { fr: 'Texte déjà publié ou déjà refusé ({term}).', en: 'Text already posted or already rejected ({term}).' },
  'words.banned': { fr: 'Contient le terme interdit « {term} ».', en: 'Contains the banned term “{term}”.' },
  'words.vulgar': { fr: 'Contient le mot grossier « {term} ».', en: 'Contains the swear word “{term}”.' },
  'insult.targeted': { fr: 'Insulte visant une personne (« {term} »).', en: 'Insult aimed at someone (“{term}”).' },
  threat: { fr: 'Menace ou incitation possible (« {term} »).', en: 'Possible threat or incitement (“{term}”).' },
  'words.suspect': { fr: 'Terme ambigu « {term} » à vérifier.', en: 'Ambiguous term “{term}” to check.' },
  evasion: { fr: 'Terme « {term} » déguisé pour échapper au filtre.', en: 'Term “{term}” disguised to slip past the filter.' },
  'author.new': { fr: 'Premiers commentaires d’un nouveau lecteur.', en: 'A new reader’s first comments.' },
  'author.history': { fr: 'Beaucoup de commentaires de cet auteur ont été refusés récemment.', en: 'Many of this author’s comments were rejected recently.' },
  'author.premod': { fr: 'L’auteur est en pré-modération.', en: 'The author is on pre-moderation.' },
}

const FALLBACK: Record<Lang, string> = { fr: 'Règle « {rule} ».', en: 'Rule “{rule}”.' }

export interface ApiReason {
  rule: string
  action: string
  term: string | null
  spans: { start: number; end: number }[]
  priority: string | null
  message: Record<Lang, string>
}

function sentence(rule: string, lang: Lang, term: string | undefined): string {
  const template = SENTENCES[rule]?.[lang] ?? FALLBACK[lang]
  const filled = template.replace('{rule}', rule)
  return term ? filled.replace('{term}', term) : filled.replace(/ ?[(«“]? ?\{term\} ?[)»”]?/, '').replace(/ \./, '.')
}

/** Every stored rule match as a reason, with its sentence in both languages. */
export function reasonsOf(stored: unknown[]): ApiReason[] {
  return (stored as Partial<RuleMatch>[])
    .filter((m) => typeof m?.rule === 'string')
    .map((m) => ({
      rule: m.rule!,
      action: m.action ?? 'flag',
      term: m.term ?? null,
      spans: Array.isArray(m.spans) ? m.spans.filter((s) => Number.isInteger(s?.start) && Number.isInteger(s?.end)) : [],
      priority: m.priority ?? null,
      message: { fr: sentence(m.rule!, 'fr', m.term), en: sentence(m.rule!, 'en', m.term) },
    }))
}

/** The `reports` reason: how many readers reported, with what score against the site's threshold. */
export function reportsReason(count: number, score: number, threshold: number, hidden: boolean): ApiReason {
  const n = Math.round(score * 10) / 10
  return {
    rule: 'reports',
    action: hidden ? 'hold' : 'flag',
    term: null,
    spans: [],
    priority: null,
    message: {
      fr: `Signalé par ${count} lecteur${count > 1 ? 's' : ''} (score ${n} sur un seuil de ${threshold})${hidden ? ', masqué en attendant la décision' : ''}.`,
      en: `Reported by ${count} reader${count > 1 ? 's' : ''} (score ${n} against a threshold of ${threshold})${hidden ? ', hidden until decided' : ''}.`,
    },
  }
}
