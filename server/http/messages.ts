import { interpolate, type Lang } from './i18n.ts'

/**
 * Every error a client can receive, by code, in French and English. Codes are stable API; messages
 * are for people and may be reworded. French uses a narrow no-break space before « ; : ! ? ».
 */
const MESSAGES = {
  invalid_json: {
    fr: 'Le corps de la requête n’est pas du JSON valide.',
    en: 'The request body is not valid JSON.',
  },
  invalid_request: { fr: 'La requête est invalide : {detail}', en: 'The request is invalid: {detail}' },
  payload_too_large: {
    fr: 'La requête est trop volumineuse ({limit} octets au plus).',
    en: 'The request is too large (at most {limit} bytes).',
  },
  not_found: { fr: 'Cette adresse n’existe pas.', en: 'There is nothing at this address.' },
  method_not_allowed: { fr: 'Méthode non permise.', en: 'Method not allowed.' },
  site_not_found: { fr: 'Le site « {site} » est inconnu.', en: 'The site “{site}” is unknown.' },
  comment_not_found: {
    fr: 'Ce commentaire n’existe pas ou n’est plus visible.',
    en: 'This comment does not exist or is no longer visible.',
  },
  parent_not_found: {
    fr: 'Le commentaire auquel vous répondez n’existe pas ou n’est plus visible.',
    en: 'The comment you are replying to does not exist or is no longer visible.',
  },
  parent_other_thread: {
    fr: 'Le commentaire auquel vous répondez appartient à une autre discussion.',
    en: 'The comment you are replying to belongs to another discussion.',
  },
  invalid_cursor: {
    fr: 'Le curseur de pagination est invalide ; rechargez la discussion.',
    en: 'The page cursor is invalid; reload the discussion.',
  },
  invalid_url: {
    fr: 'L’adresse de l’article n’appartient pas aux origines autorisées du site.',
    en: 'The article URL is not on one of the site’s allowed origins.',
  },
  auth_required: {
    fr: 'Identifiez-vous pour continuer.',
    en: 'Please identify yourself to continue.',
  },
  invalid_token: {
    fr: 'Votre session de lecteur n’est plus valide ; identifiez-vous à nouveau.',
    en: 'Your reader session is no longer valid; please identify yourself again.',
  },
  invalid_sso_token: {
    fr: 'La connexion via le compte du site a échoué : jeton invalide.',
    en: 'Signing in with the site’s account failed: invalid token.',
  },
  expired_sso_token: {
    fr: 'La connexion via le compte du site a expiré ; reconnectez-vous.',
    en: 'Signing in with the site’s account has expired; please sign in again.',
  },
  sso_not_configured: {
    fr: 'Ce site ne propose pas la connexion par son compte.',
    en: 'This site does not offer sign-in with its own account.',
  },
  wrong_site: {
    fr: 'Votre identité de lecteur appartient à un autre site.',
    en: 'Your reader identity belongs to another site.',
  },
  origin_not_allowed: {
    fr: 'Cette page n’est pas autorisée à afficher les commentaires de ce site.',
    en: 'This page is not allowed to show this site’s comments.',
  },
  forbidden: { fr: 'Vous n’avez pas le droit de faire cela.', en: 'You are not allowed to do that.' },
  not_author: {
    fr: 'Seul l’auteur de ce commentaire peut le modifier ou le supprimer.',
    en: 'Only the author of this comment can edit or delete it.',
  },
  edit_window_closed: {
    fr: 'Le délai de modification ({minutes} min) est passé.',
    en: 'The edit window ({minutes} min) has passed.',
  },
  comment_not_editable: {
    fr: 'Ce commentaire ne peut plus être modifié.',
    en: 'This comment can no longer be edited.',
  },
  own_comment: {
    fr: 'Vous ne pouvez pas faire cela sur votre propre commentaire.',
    en: 'You cannot do that on your own comment.',
  },
  already_reported: {
    fr: 'Vous avez déjà signalé ce commentaire.',
    en: 'You have already reported this comment.',
  },
  idempotency_key_reused: {
    fr: 'Cette clé d’idempotence a déjà servi pour un autre contenu.',
    en: 'This idempotency key was already used for a different request.',
  },
  rate_limited: {
    fr: 'Trop de requêtes ; réessayez dans {seconds} s.',
    en: 'Too many requests; try again in {seconds} s.',
  },
  thread_closed: {
    fr: 'Cette discussion est fermée aux nouveaux commentaires.',
    en: 'This discussion is closed to new comments.',
  },
  sanctioned: {
    fr: 'Votre compte ne peut pas commenter pour le moment.',
    en: 'Your account cannot comment at the moment.',
  },
  too_many_streams: {
    fr: 'Trop de lecteurs en direct sur ce serveur ; les nouveaux commentaires s’afficheront au rechargement.',
    en: 'Too many live readers on this server; new comments will show when you reload.',
  },
  // Moderation and admin (staff) — server/accounts, server/moderation, server/admin.
  invalid_credentials: {
    fr: 'Adresse e-mail ou mot de passe incorrect.',
    en: 'Incorrect e-mail address or password.',
  },
  cross_site: {
    fr: 'Requête refusée : elle ne vient pas de l’application de modération.',
    en: 'Request refused: it does not come from the moderation app.',
  },
  csrf_invalid: {
    fr: 'Jeton de sécurité manquant ou invalide ; rechargez la page.',
    en: 'Missing or invalid security token; reload the page.',
  },
  admin_required: {
    fr: 'Cette action est réservée aux administrateurs.',
    en: 'Only administrators can do this.',
  },
  site_forbidden: {
    fr: 'Vous ne modérez pas le site « {site} ».',
    en: 'You do not moderate the site “{site}”.',
  },
  already_decided: {
    fr: 'Un autre modérateur a déjà décidé de ce commentaire ; la décision affichée est à jour.',
    en: 'Another moderator has already decided on this comment; the decision shown is up to date.',
  },
  not_decidable: {
    fr: 'Ce commentaire a été supprimé par son auteur ; il n’y a rien à décider.',
    en: 'This comment was deleted by its author; there is nothing to decide.',
  },
  reader_not_found: { fr: 'Ce lecteur n’existe pas.', en: 'This reader does not exist.' },
  sanction_not_found: { fr: 'Cette sanction n’existe pas.', en: 'This sanction does not exist.' },
  until_required: {
    fr: 'Une suspension a besoin d’une date de fin dans le futur.',
    en: 'A suspension needs an end date in the future.',
  },
  account_exists: {
    fr: 'Un compte existe déjà avec cette adresse e-mail.',
    en: 'An account with this e-mail address already exists.',
  },
  site_exists: { fr: 'Le site « {site} » existe déjà.', en: 'The site “{site}” already exists.' },
  conflict: { fr: 'Conflit : {detail}', en: 'Conflict: {detail}' },
  unavailable: {
    fr: 'Le service est momentanément indisponible ; réessayez dans un instant. Votre texte est conservé.',
    en: 'The service is briefly unavailable; try again in a moment. Your text is kept.',
  },
  internal: {
    fr: 'Une erreur inattendue s’est produite ; réessayez. Votre texte est conservé.',
    en: 'Something unexpected went wrong; please try again. Your text is kept.',
  },
} satisfies Record<string, Record<Lang, string>>

export type MessageCode = keyof typeof MESSAGES

/** The message for an error code in a language, with its placeholders filled. */
export function message(code: MessageCode, lang: Lang, params?: Record<string, unknown>): string {
  return interpolate(MESSAGES[code][lang], params)
}
