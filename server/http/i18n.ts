import type { Context } from 'hono'

/** The languages Palabre speaks to readers and moderators. */
export type Lang = 'fr' | 'en'

export const LANGS: readonly Lang[] = ['fr', 'en']

/**
 * The request's language: `?lang=` first, then the best of `Accept-Language`, else French
 * (the default site is a French newsroom).
 */
export function requestLang(c: Context): Lang {
  const explicit = c.req.query('lang')
  if (explicit === 'fr' || explicit === 'en') return explicit
  return negotiateLang(c.req.header('accept-language'))
}

/** Picks fr or en from an Accept-Language header, honouring q-values. */
export function negotiateLang(header: string | undefined, fallback: Lang = 'fr'): Lang {
  if (!header) return fallback
  let best: { lang: Lang; q: number } | undefined
  for (const part of header.slice(0, 500).split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';')
    const primary = tag.split('-')[0]
    if (primary !== 'fr' && primary !== 'en') continue
    const qParam = params.find((p) => p.trim().startsWith('q='))
    const q = qParam ? Number(qParam.trim().slice(2)) : 1
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang: primary, q }
  }
  return best?.lang ?? fallback
}

/** Fills `{name}` placeholders. */
export function interpolate(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''))
}
