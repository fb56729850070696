import type { Context } from 'hono'
import { z } from 'zod'
import { AppError, fail } from './errors.ts'
import type { Lang } from './i18n.ts'
import { message } from './messages.ts'

/**
 * Validation at the edge: every body and query goes through a Zod schema, and a failure becomes a
 * 400 `invalid_request` naming the field and what is wrong with it, in the reader's language.
 */

/** Parses the JSON body against `schema`; a missing or malformed body is a 400, never a 500. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown
  try {
    const text = await c.req.text()
    raw = text.trim() === '' ? undefined : JSON.parse(text)
  } catch {
    throw fail(400, 'invalid_json')
  }
  if (raw === undefined) throw fail(400, 'invalid_json')
  return check(schema, raw)
}

/** Validates the query string (repeated keys become arrays only where the schema says so). */
export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return check(schema, c.req.query())
}

/** Validates any value against a schema, throwing the localized 400 on failure. */
export function check<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw invalidRequest(result.error)
}

function invalidRequest(error: z.ZodError): AppError {
  const issue = error.issues[0]!
  const field = issue.path.map(String).join('.') || 'body'
  return new AppError(
    400,
    'invalid_request',
    (lang) => message('invalid_request', lang, { detail: describeIssue(issue, field, lang) }),
    { field },
  )
}

const FIELD = { fr: (f: string) => `« ${f} »`, en: (f: string) => `“${f}”` }

/** One sentence per kind of failure, in each language. */
function describeIssue(issue: z.core.$ZodIssue, field: string, lang: Lang): string {
  const name = FIELD[lang](field)
  const fr = lang === 'fr'
  switch (issue.code) {
    case 'too_big': {
      const max = Number(issue.maximum)
      if (issue.origin === 'string') {
        return fr ? `${name} est trop long (${max} caractères au plus).` : `${name} is too long (at most ${max} characters).`
      }
      if (issue.origin === 'array') {
        return fr ? `${name} contient trop d’éléments (${max} au plus).` : `${name} has too many items (at most ${max}).`
      }
      return fr ? `${name} est trop grand (${max} au plus).` : `${name} is too large (at most ${max}).`
    }
    case 'too_small': {
      const min = Number(issue.minimum)
      if (issue.origin === 'string') {
        return min <= 1
          ? fr ? `${name} ne peut pas être vide.` : `${name} cannot be empty.`
          : fr ? `${name} est trop court (${min} caractères au moins).` : `${name} is too short (at least ${min} characters).`
      }
      return fr ? `${name} est trop petit (${min} au moins).` : `${name} is too small (at least ${min}).`
    }
    case 'invalid_type':
      return issue.input === undefined
        ? fr ? `${name} est obligatoire.` : `${name} is required.`
        : fr ? `${name} doit être de type ${issue.expected}.` : `${name} must be of type ${issue.expected}.`
    case 'invalid_value':
      return fr
        ? `${name} doit valoir ${issue.values.map(String).join(', ')}.`
        : `${name} must be one of ${issue.values.map(String).join(', ')}.`
    case 'unrecognized_keys':
      return fr
        ? `champ inconnu : ${issue.keys.join(', ')}.`
        : `unknown field: ${issue.keys.join(', ')}.`
    case 'invalid_format':
      return fr ? `${name} n’a pas le bon format.` : `${name} is not in the expected format.`
    default:
      return fr ? `${name} est invalide.` : `${name} is invalid.`
  }
}
