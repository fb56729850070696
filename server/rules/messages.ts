import messages from './lexicon/messages.json' with { type: 'json' }

/**
 * What the author reads, in French and English, for every rule of SPEC §5: which rule, what to
 * change, that their text is kept, and where the rules are. Texts live in lexicon/messages.json so
 * an editor can review them like the word lists.
 */

export type MessageLang = 'fr' | 'en'

type Table = Record<string, string>

/** Rules whose refusal leaves the author's text in place to be rephrased. */
const REPHRASABLE = new Set([
  'length',
  'shouting',
  'links',
  'privacy',
  'words.banned',
  'words.vulgar',
  'insult.targeted',
  'threat',
  'evasion',
  'duplicate',
  'thread.closed',
])

function template(table: Table, rule: string, term: string | undefined): string {
  if (term !== undefined) return table[`${rule}.${term}`] ?? table[rule] ?? table.default!
  const generic = table[`${rule}#`] ?? table[rule]
  return generic && !generic.includes('{term}') ? generic : table.default!
}

/** The author-facing message for a rule, with the term and the link to the rules when known. */
export function ruleMessage(
  rule: string,
  lang: MessageLang,
  params: { term?: string | undefined; rulesUrl?: string | undefined } = {},
): string {
  const t = messages[lang]
  const text = template(t.messages as Table, rule, params.term).replaceAll('{term}', params.term ?? '')
  const parts = [text]
  if (REPHRASABLE.has(rule)) parts.push(t.kept)
  parts.push(params.rulesUrl ? t.rules.replace('{url}', params.rulesUrl) : t.rulesNoUrl)
  return parts.join(' ')
}

/** The notice shown with a comment held for review: it is saved, awaits a moderator, and why. */
export function holdNotice(rule: string, lang: MessageLang): string {
  const t = messages[lang]
  const reasons = t.holdReasons as Table
  return t.hold.replace('{reason}', reasons[rule] ?? reasons.default!)
}

/** Every rule id that has a message (for tests and the admin's rules page). */
export const MESSAGE_RULES: readonly string[] = Object.keys(messages.fr.messages)
