import type { Lang } from '../http/i18n.ts'

/** The rules of conduct shown to readers when a site has not written its own. */
export const DEFAULT_RULES_TEXT: Record<Lang, { title: string; text: string }> = {
  fr: {
    title: 'Règles de conduite',
    text: [
      'Cet espace de discussion est ouvert à tous, dans le respect de chacun.',
      'Sont refusés : les insultes, les propos haineux, racistes ou discriminatoires, les menaces, les obscénités, la publicité et les liens non sollicités, ainsi que toute information personnelle (adresse e-mail, téléphone, coordonnées bancaires).',
      'Les commentaires entièrement en majuscules, répétés ou hors sujet peuvent être retirés. Certains messages sont relus par un modérateur avant publication.',
      'Vous n’êtes pas d’accord ? Répondez avec des arguments plutôt que de signaler. Signalez ce qui enfreint ces règles.',
    ].join('\n\n'),
  },
  en: {
    title: 'Rules of conduct',
    text: [
      'This discussion is open to everyone, with respect for everyone.',
      'Not allowed: insults, hateful, racist or discriminatory remarks, threats, obscenity, advertising and unsolicited links, and any personal information (e-mail address, phone number, bank details).',
      'Comments in capitals, repeated or off topic may be removed. Some messages are read by a moderator before they are published.',
      'Disagree? Reply with arguments rather than reporting. Report what breaks these rules.',
    ].join('\n\n'),
  },
}
