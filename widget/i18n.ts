/**
 * Translation for the reader widget: French and English strings (one locale module loaded per page),
 * plural forms through `Intl.PluralRules`, numbers and relative dates through `Intl`. A plural
 * message is `one|other`; `{n}` is the formatted count and `{x}` a free value (a name).
 */
import { pickLang } from './lang.ts'
import type fr from './locales/fr.ts'

export { pickLang }

/** Every message key; French is the reference. */
export type Key = keyof typeof fr
/** A complete set of messages for one locale. */
export type Messages = Record<Key, string>

/** A translator bound to one locale. */
export interface I18n {
  lang: 'fr' | 'en'
  /** The message `key`, plural-aware when `n` is given; `x` fills `{x}`. */
  t(key: Key, n?: number, x?: string): string
  /** "il y a 5 minutes" / "5 minutes ago". */
  ago(iso: string): string
  /** Full localized date and time, for tooltips. */
  date(iso: string): string
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31536e3],
  ['month', 2592e3],
  ['week', 604800],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
]

/** Builds the translator of `lang` over its messages. */
export function makeI18n(lang: 'fr' | 'en', msgs: Messages): I18n {
  const plural = new Intl.PluralRules(lang)
  const num = new Intl.NumberFormat(lang)
  const rel = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })
  const full = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' })
  return {
    lang,
    t(key, n, x) {
      let s = msgs[key]
      if (n !== undefined) {
        const [one, other = one] = s.split('|') as [string, string?]
        s = (plural.select(n) === 'one' ? one : other).replace('{n}', num.format(n))
      }
      return x === undefined ? s : s.replace('{x}', x)
    },
    ago(iso) {
      const secs = (Date.parse(iso) - Date.now()) / 1000
      for (const [unit, size] of UNITS) {
        if (Math.abs(secs) >= size) return rel.format(Math.trunc(secs / size), unit)
      }
      return rel.format(0, 'second')
    },
    date: (iso) => full.format(new Date(iso)),
  }
}

/** The translator for `tag`; only that locale's strings are downloaded. */
export async function loadI18n(tag: string | null | undefined): Promise<I18n> {
  const lang = pickLang(tag)
  const mod = await (lang === 'en' ? import('./locales/en.ts') : import('./locales/fr.ts'))
  return makeI18n(lang, mod.default)
}
