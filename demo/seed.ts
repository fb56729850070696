import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { AppDeps } from '../server/context.ts'
import { findSite, insertSite, updateSite } from '../server/sites/sites.repository.ts'
import { ensureAccount } from '../server/accounts/accounts.service.ts'
import { ENGLISH_DISCUSSION, FRENCH_DISCUSSION, type SeedComment } from './seed-discussion.ts'

export const DEMO_SITE = 'demo'

/** The demo's moderation login, printed by `npm start` (issue 5). An admin, to show every screen. */
export const DEMO_MODERATOR = { email: 'moderation@demo.palabre', password: 'palabre-demo-2026' }

interface DemoArticle {
  article: string
  title: string
  url?: string
  path?: string
  lang: 'fr' | 'en'
}

const ARTICLES_FILE = fileURLToPath(new URL('./pages/articles.json', import.meta.url))

/** The demo pages' articles (from demo/pages/articles.json): the discussion goes on the first of each language. */
function demoArticles(): DemoArticle[] {
  if (existsSync(ARTICLES_FILE)) return JSON.parse(readFileSync(ARTICLES_FILE, 'utf8')) as DemoArticle[]
  return [
    { article: '353917240', title: 'Le tram-train de la vallée verra le jour en 2031', lang: 'fr', path: '/' },
    { article: 'en-353917241', title: 'Valley tram-train to open in 2031', lang: 'en', path: '/en/' },
  ]
}

/**
 * Makes sure the `demo` site exists and allows the origins the demo is served from (they change with
 * the port), then seeds the discussion once: comments with replies and likes, a comment held for
 * review and a reported one, so both the widget and the moderation queue have something to show.
 */
export async function seedDemo(deps: AppDeps, options: { origins: (string | undefined)[] }): Promise<void> {
  const origins = [...new Set(options.origins.filter((o): o is string => !!o).map((o) => new URL(o).origin))]
  const existing = await findSite(deps.db, DEMO_SITE)
  if (existing) {
    const merged = [...new Set([...existing.allowed_origins, ...origins])]
    await updateSite(deps.db, DEMO_SITE, { allowedOrigins: merged })
    deps.sites.invalidate(DEMO_SITE)
    await seedModerator(deps)
    return
  }
  await insertSite(deps.db, {
    id: DEMO_SITE,
    name: 'Le Quotidien de la Vallée',
    allowedOrigins: origins,
    settings: { editWindowMinutes: 15 },
    ssoSecret: 'demo-sso-secret-change-me-please-0123456789',
  })
  deps.sites.invalidate(DEMO_SITE)
  await seedModerator(deps)
  const articles = demoArticles()
  for (const lang of ['fr', 'en'] as const) {
    const article = articles.find((a) => a.lang === lang)
    if (!article) continue
    const base = origins[0] ?? deps.publicUrl
    const url = new URL(article.path ?? '/', base).href
    await seedThread(deps, article, url, lang === 'fr' ? FRENCH_DISCUSSION : ENGLISH_DISCUSSION)
  }
}

async function seedModerator(deps: AppDeps): Promise<void> {
  await ensureAccount(deps, { ...DEMO_MODERATOR, name: 'Modération (démo)', role: 'admin', sites: [DEMO_SITE] })
}

async function seedThread(deps: AppDeps, article: DemoArticle, url: string, discussion: SeedComment[]) {
  await deps.db.transaction().execute(async (trx) => {
    const thread = await trx
      .insertInto('thread')
      .values({ site_id: DEMO_SITE, article: article.article, title: article.title, url })
      .returningAll()
      .executeTakeFirstOrThrow()
    const readers = new Map<string, string>()
    const likers: string[] = []
    for (let i = 0; i < 20; i++) {
      const row = await trx
        .insertInto('reader')
        .values({ site_id: DEMO_SITE, kind: 'guest', external_id: null, name: `Lecteur ${i + 1}`, email: null })
        .returning('id')
        .executeTakeFirstOrThrow()
      likers.push(row.id)
    }
    const ids = new Map<string, { id: string; depth: number; parent: string | null; root: string | null }>()
    const now = Date.now()
    let published = 0
    for (const seed of discussion) {
      let readerId = readers.get(seed.author)
      if (!readerId) {
        readerId = (
          await trx
            .insertInto('reader')
            .values({ site_id: DEMO_SITE, kind: 'guest', external_id: null, name: seed.author, email: null, approved_count: 3 })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
        readers.set(seed.author, readerId)
      }
      const target = seed.replyTo ? ids.get(seed.replyTo) : undefined
      const depth = target ? Math.min(target.depth + 1, 3) : 1
      const parent = target ? (target.depth < 3 ? target.id : target.parent) : null
      const pending = seed.state === 'pending'
      const reported = seed.state === 'reported'
      const row = await trx
        .insertInto('comment')
        .values({
          thread_id: thread.id,
          site_id: DEMO_SITE,
          parent_id: parent,
          root_id: target ? (target.root ?? target.id) : null,
          reply_to_id: target?.id ?? null,
          depth,
          author_id: readerId,
          body: seed.body,
          status: pending ? 'pending' : 'published',
          flagged: reported,
          report_count: reported ? 1 : 0,
          report_score: reported ? 1 : 0,
          rule_matches: JSON.stringify(
            pending ? [{ rule: 'links', action: 'hold', term: 'shortener', spans: linkSpans(seed.body) }] : [],
          ),
          like_count: seed.likes ?? 0,
          created_at: new Date(now - seed.minutesAgo * 60_000),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.set(seed.key, { id: row.id, depth, parent, root: target ? (target.root ?? target.id) : null })
      if (!pending) {
        published++
        if (parent) {
          await trx.updateTable('comment').set((eb) => ({ reply_count: eb('reply_count', '+', 1) })).where('id', '=', parent).execute()
        }
      }
      for (const liker of likers.slice(0, seed.likes ?? 0)) {
        await trx.insertInto('comment_like').values({ comment_id: row.id, reader_id: liker }).execute()
      }
      if (reported) {
        await trx
          .insertInto('report')
          .values({ comment_id: row.id, reader_id: likers[19]!, reason: seed.reportReason ?? 'other', note: 'Propos méprisants envers les usagers.' })
          .execute()
      }
    }
    await trx.updateTable('thread').set({ comment_count: published }).where('id', '=', thread.id).execute()
  })
}

function linkSpans(body: string) {
  const start = body.search(/https?:\/\//)
  if (start < 0) return []
  const end = body.indexOf(' ', start)
  return [{ start, end: end < 0 ? body.length : end }]
}
