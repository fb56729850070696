import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { articleParam, articleSchema, cursorSchema, siteParam } from '../http/params.ts'
import { requestLang } from '../http/i18n.ts'
import { check, queryParams } from '../http/validate.ts'
import { DEFAULT_RULES_TEXT } from '../sites/rules-text.ts'
import { readCounts, readThread } from './threads.service.ts'

export const threadQuerySchema = z.strictObject({
  sort: z.enum(['newest', 'oldest', 'top']).default('newest'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: cursorSchema.optional(),
  lang: z.enum(['fr', 'en']).optional(),
})

const countsQuerySchema = z.array(articleSchema).min(1).max(100)

/** Reading: a thread's pages, comment counts for article lists, and the site's rules. */
export const threadRoutes = new Hono<AppEnv>()
  .get('/sites/:site/threads/:article', async (c) => {
    const site = await siteParam(c)
    const article = articleParam(c)
    const query = queryParams(c, threadQuerySchema)
    const read = await readThread(c.get('deps'), site, article, query, c.get('viewer'))
    if (!read.shared) {
      c.header('Cache-Control', 'private, no-store')
      return c.json(read.page)
    }
    // Anonymous first page: the same bytes for everyone, so a CDN may hold it briefly.
    c.header('Cache-Control', 'public, max-age=5, stale-while-revalidate=10')
    c.header('ETag', read.shared.etag)
    c.header('Vary', 'Authorization, Accept-Encoding', { append: true })
    if (c.req.header('if-none-match') === read.shared.etag) return c.body(null, 304)
    return c.body(read.shared.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/json; charset=UTF-8',
    })
  })
  .get('/sites/:site/counts', async (c) => {
    const site = await siteParam(c)
    const articles = check(countsQuerySchema, [...new Set(c.req.queries('article') ?? [])])
    return c.json({ counts: await readCounts(c.get('deps'), site, articles) })
  })
  .get('/sites/:site/rules', async (c) => {
    const site = await siteParam(c)
    const lang = requestLang(c)
    const fallback = DEFAULT_RULES_TEXT[lang]
    c.header('Cache-Control', 'public, max-age=300')
    return c.json({
      site: site.id,
      lang,
      title: fallback.title,
      text: site.rulesText[lang]?.trim() || fallback.text,
      url: site.settings.rulesUrl,
      limits: {
        minLength: site.settings.rules.length.min,
        maxLength: site.settings.rules.length.max,
        editWindowMinutes: site.settings.editWindowMinutes,
      },
    })
  })
