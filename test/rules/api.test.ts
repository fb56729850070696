import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createTestSite, type TestApp, useTestApp } from '../helpers/app.ts'

/**
 * The rules of conduct (SPEC §5) as a reader meets them: through the HTTP API, on the database the
 * suite runs on (PostgreSQL with DATABASE_URL, else PGlite). Every outcome is checked in the answer
 * and in the stored rows, in French and in English.
 */

let t: TestApp

useTestApp((app) => (t = app))

type Lang = 'fr' | 'en'

/** Rate limits off, so only the rule under test speaks (createTestSite's own default, made explicit). */
const RELAXED = { rate: { minIntervalSeconds: 0, perHour: 10_000, newReaderMinIntervalSeconds: 0 } }
const RULES_URL = 'https://news.example.org/charte'

const commentsPath = (site: string, article: string) => `/api/v1/sites/${site}/threads/${article}/comments`

let articleCounter = 0
const freshArticle = () => `art-${articleCounter++}`

async function newSite(rules: Record<string, unknown> = RELAXED, extra: Record<string, unknown> = {}) {
  return createTestSite(t.deps, { settings: { rulesUrl: RULES_URL, ...extra, rules } })
}

/** A guest on the site: their token and reader id. */
async function guest(site: string, name = 'Camille') {
  const res = await t.call('POST', `/api/v1/sites/${site}/readers`, { body: { name } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return { token: res.body.token as string, readerId: String(res.body.reader.id) }
}

/** A reader with two approved comments: no longer « new » to the links and rate rules. */
async function regular(site: string, name = 'Dominique') {
  const g = await guest(site, name)
  await t.deps.db.updateTable('reader').set({ approved_count: 2 }).where('id', '=', g.readerId).execute()
  return g
}

function post(site: string, article: string, token: string, body: string, lang: Lang = 'fr') {
  return t.call('POST', commentsPath(site, article), {
    token,
    body: { body },
    headers: { 'accept-language': lang },
  })
}

function edit(id: string, token: string, body: string, lang: Lang = 'fr') {
  return t.call('PATCH', `/api/v1/comments/${id}`, { token, body: { body }, headers: { 'accept-language': lang } })
}

async function rowsOf(site: string) {
  return t.deps.db.selectFrom('comment').selectAll().where('site_id', '=', site).orderBy('id').execute()
}

async function rowOf(id: string) {
  return t.deps.db.selectFrom('comment').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

/** Changes the site's stored settings, as an admin would; the next request reads them (TTL 0). */
async function updateRules(site: string, change: (rules: any) => void) {
  const row = await t.deps.db.selectFrom('site').select('settings').where('id', '=', site).executeTakeFirstOrThrow()
  const settings = structuredClone(row.settings) as any
  settings.rules ??= {}
  change(settings.rules)
  await t.deps.db
    .updateTable('site')
    .set({ settings: JSON.stringify(settings), updated_at: new Date() })
    .where('id', '=', site)
    .execute()
}

/** The texts the spans point at, in the body as submitted. */
function spanned(body: string, spans: { start: number; end: number }[]) {
  return spans.map((s) => body.slice(s.start, s.end))
}

async function threadRead(site: string, article: string) {
  const res = await t.call('GET', `/api/v1/sites/${site}/threads/${article}`)
  expect(res.status).toBe(200)
  return res.body as { thread: { commentCount: number }; comments: { id: string; body: string }[] }
}

describe('reject → 422 rule_violation, nothing stored', () => {
  const cases: {
    name: string
    body: string
    rule: string
    term?: string
    spans: string[]
    fr: string
    en: string
  }[] = [
    {
      name: 'a banned word, named in the message',
      body: 'Franchement\u202f: ce type est un connard fini.',
      rule: 'words.banned',
      term: 'connard',
      spans: ['connard'],
      fr: 'Le mot «\u202fconnard\u202f» n’est pas accepté ici',
      en: 'The word “connard” is not accepted here',
    },
    {
      name: 'a banned word disguised by spacing (evasion)',
      body: 'Ce type est un c-o-n-n-a-r-d, voilà.',
      rule: 'evasion',
      term: 'connard',
      spans: ['c-o-n-n-a-r-d'],
      fr: '«\u202fconnard\u202f»',
      en: 'still recognisable when disguised',
    },
    {
      name: 'a vulgar word',
      body: 'Putain, quel match hier soir !',
      rule: 'words.vulgar',
      term: 'putain',
      spans: ['Putain'],
      fr: 'trop grossier',
      en: 'too coarse',
    },
    {
      name: 'an e-mail address (privacy)',
      body: 'Écrivez-moi à jean.dupont@exemple.fr pour en parler.',
      rule: 'privacy',
      term: 'email',
      spans: ['jean.dupont@exemple.fr'],
      fr: 'adresse e-mail',
      en: 'e-mail address',
    },
    {
      name: 'a phone number (privacy)',
      body: 'Appelez le 06 12 34 56 78 ce soir.',
      rule: 'privacy',
      term: 'phone',
      spans: ['06 12 34 56 78'],
      fr: 'numéro de téléphone',
      en: 'phone number',
    },
    {
      name: 'shouting',
      body: 'CE GOUVERNEMENT NE FAIT RIEN POUR NOUS',
      rule: 'shouting',
      spans: ['CE GOUVERNEMENT NE FAIT RIEN POUR NOUS'],
      fr: 'majuscules',
      en: 'capitals',
    },
    {
      name: 'too short',
      body: ' a ',
      rule: 'length',
      term: 'too_short',
      spans: [' a '],
      fr: 'trop court',
      en: 'too short',
    },
    {
      name: 'too many links',
      body: 'Sources : https://a.example.org/1 https://b.example.org/2 https://c.example.org/3 https://d.example.org/4',
      rule: 'links',
      term: 'too_many',
      spans: ['https://a.example.org/1', 'https://b.example.org/2', 'https://c.example.org/3', 'https://d.example.org/4'],
      fr: 'trop de liens',
      en: 'too many links',
    },
  ]

  for (const c of cases) {
    for (const lang of ['fr', 'en'] as const) {
      it(`${c.name} (${lang})`, async () => {
        const site = await newSite()
        const { token } = await guest(site)
        const res = await post(site, freshArticle(), token, c.body, lang)
        expect(res.status, JSON.stringify(res.body)).toBe(422)
        const error = res.body.error
        expect(error).toMatchObject({ code: 'rule_violation', rule: c.rule, field: 'body', rulesUrl: RULES_URL })
        if (c.term !== undefined) expect(error.term).toBe(c.term)
        expect(spanned(c.body, error.spans)).toEqual(c.spans)
        expect(error.message).toContain(lang === 'fr' ? c.fr : c.en)
        // Every refusal links to the site's rules, and says the text is kept for rephrasing.
        expect(error.message).toContain(RULES_URL)
        expect(error.message).toContain(lang === 'fr' ? 'Votre texte est conservé.' : 'Your text has been kept.')
        expect(await rowsOf(site)).toHaveLength(0)
      })
    }
  }

  it('a too-long comment points at the part past the limit', async () => {
    const site = await newSite()
    const { token } = await guest(site)
    const body = `${'Un long développement sur la réforme. '.repeat(60)}`.trim()
    const res = await post(site, freshArticle(), token, body)
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({ rule: 'length', term: 'too_long' })
    expect(res.body.error.spans).toEqual([{ start: 2000, end: body.length }])
    expect(await rowsOf(site)).toHaveLength(0)
  })

  it('without a rules page, the message still tells where the rules are', async () => {
    const site = await createTestSite(t.deps, { settings: { rules: RELAXED } })
    const { token } = await guest(site)
    const res = await post(site, freshArticle(), token, 'Quelle connasse, cette présentatrice.', 'en')
    expect(res.status).toBe(422)
    expect(res.body.error.rulesUrl).toBeUndefined()
    expect(res.body.error.message).toContain('See the site’s rules of conduct.')
  })
})

describe('hold → 201 pending with a notice', () => {
  it('holds a link from a reader with fewer than two approved comments, and publishes it from a regular', async () => {
    const site = await newSite()
    const article = freshArticle()
    const body = 'Les chiffres sont ici : https://www.insee.fr/fr/statistiques pour qui veut vérifier.'
    for (const lang of ['fr', 'en'] as const) {
      const { token } = await guest(site)
      const res = await post(site, article, token, `${body} (${lang})`, lang)
      expect(res.status).toBe(201)
      expect(res.body.outcome).toBe('pending')
      expect(res.body.comment.status).toBe('pending')
      expect(res.body.notice).toContain(lang === 'fr' ? 'après relecture par la modération' : 'once a moderator has reviewed it')
      expect(res.body.notice).toContain(lang === 'fr' ? 'il contient un lien' : 'it contains a link')
      const row = await rowOf(res.body.comment.id)
      expect(row.status).toBe('pending')
      expect(row.rule_matches).toContainEqual(expect.objectContaining({ rule: 'links', action: 'hold', term: 'new_author' }))
    }
    expect((await threadRead(site, article)).comments).toHaveLength(0)

    const { token } = await regular(site)
    const res = await post(site, article, token, body)
    expect(res.status).toBe(201)
    expect(res.body.outcome).toBe('published')
    expect(res.body.notice).toBeUndefined()
  })

  it('holds a threat with urgent priority (stored as 3)', async () => {
    const site = await newSite()
    for (const [lang, body, reason] of [
      ['fr', 'Je sais où tu habites.', 'il pourrait contenir une menace'],
      ['en', 'I know where you live.', 'it might contain a threat'],
    ] as const) {
      const { token } = await guest(site)
      const res = await post(site, freshArticle(), token, body, lang)
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      expect(res.body.outcome).toBe('pending')
      expect(res.body.notice).toContain(reason)
      const row = await rowOf(res.body.comment.id)
      expect(row.status).toBe('pending')
      expect(row.priority).toBe(3)
      const threat = (row.rule_matches as any[]).find((m) => m.rule === 'threat')
      expect(threat).toMatchObject({ action: 'hold', priority: 'urgent' })
      expect(spanned(body, threat.spans).join(' ')).not.toBe('')
      expect(row.ruleset_version).toBeTruthy()
    }
  })

  it('holds an insult aimed at someone, at normal priority', async () => {
    const site = await newSite()
    const { token } = await guest(site)
    const body = 'Vous êtes des crétins.'
    const res = await post(site, freshArticle(), token, body)
    expect(res.status).toBe(201)
    expect(res.body.outcome).toBe('pending')
    expect(res.body.notice).toContain('il semble viser une personne')
    const row = await rowOf(res.body.comment.id)
    expect(row.priority).toBe(1)
    const insult = (row.rule_matches as any[]).find((m) => m.rule === 'insult.targeted')
    expect(spanned(body, insult.spans)).toEqual(['crétins'])
  })
})

describe('flag and publish', () => {
  it('flags a suspect word: published, flagged in the row, shown in the thread', async () => {
    const site = await newSite()
    const article = freshArticle()
    const { token } = await guest(site)
    const body = 'Ce parti a des racines nazies, disent les historiens.'
    const res = await post(site, article, token, body)
    expect(res.status).toBe(201)
    expect(res.body.outcome).toBe('published')
    expect(res.body.notice).toBeUndefined()
    const row = await rowOf(res.body.comment.id)
    expect(row).toMatchObject({ status: 'published', flagged: true })
    const suspect = (row.rule_matches as any[]).find((m) => m.rule === 'words.suspect')
    expect(suspect.term).toBe('nazi')
    expect(spanned(body, suspect.spans)).toEqual(['nazies'])
    expect((await threadRead(site, article)).comments.map((c) => c.body)).toEqual([body])
  })

  it('publishes an ordinary comment with French typography and words that contain listed ones', async () => {
    const site = await newSite()
    const article = freshArticle()
    const { token } = await guest(site)
    const body =
      'Dans ce contexte, le conseil du député sur le calcul de la dispute au Monténégro est juste\u202f! « L’assassin » du cocktail, c’est la technique.'
    const res = await post(site, article, token, body)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.outcome).toBe('published')
    const row = await rowOf(res.body.comment.id)
    expect(row).toMatchObject({ status: 'published', flagged: false, priority: 1 })
    expect(row.rule_matches).toEqual([])
    const thread = await threadRead(site, article)
    expect(thread.thread.commentCount).toBe(1)
  })
})

describe('edits go through the rules again', () => {
  it('refuses an edit that breaks a rule and keeps the old body', async () => {
    const site = await newSite()
    const article = freshArticle()
    const { token } = await guest(site)
    const original = 'Un article intéressant sur la réforme.'
    const created = await post(site, article, token, original)
    expect(created.status).toBe(201)
    const id = created.body.comment.id as string

    for (const lang of ['fr', 'en'] as const) {
      const body = 'Un article écrit par un connard.'
      const res = await edit(id, token, body, lang)
      expect(res.status).toBe(422)
      expect(res.body.error).toMatchObject({ code: 'rule_violation', rule: 'words.banned', term: 'connard' })
      expect(spanned(body, res.body.error.spans)).toEqual(['connard'])
      expect(res.body.error.message).toContain(lang === 'fr' ? 'n’est pas accepté ici' : 'is not accepted here')
    }
    const row = await rowOf(id)
    expect(row).toMatchObject({ body: original, status: 'published', edited_at: null })
    expect((await threadRead(site, article)).comments.map((c) => c.body)).toEqual([original])
  })

  it('holds an edit that makes the comment doubtful: out of the thread, count decremented', async () => {
    const site = await newSite()
    const article = freshArticle()
    const { token } = await guest(site)
    const { token: other } = await guest(site, 'Alix')
    const first = await post(site, article, token, 'Je ne suis pas d’accord avec cette analyse.')
    await post(site, article, other, 'Moi si, elle est bien documentée.')
    expect((await threadRead(site, article)).thread.commentCount).toBe(2)

    const res = await edit(first.body.comment.id, token, 'Je sais où tu habites.', 'en')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.outcome).toBe('pending')
    expect(res.body.notice).toContain('it might contain a threat')
    const row = await rowOf(first.body.comment.id)
    expect(row).toMatchObject({ status: 'pending', priority: 3, body: 'Je sais où tu habites.' })
    const thread = await threadRead(site, article)
    expect(thread.thread.commentCount).toBe(1)
    expect(thread.comments.map((c) => c.id)).not.toContain(first.body.comment.id)
  })

  it('an edit is not rate limited nor a duplicate of itself', async () => {
    const site = await newSite({})
    const { token } = await regular(site)
    const created = await post(site, freshArticle(), token, 'Première version de mon avis.')
    expect(created.status).toBe(201)
    const res = await edit(created.body.comment.id, token, 'Première version de mon avis, corrigée.')
    expect(res.status).toBe(200)
    expect(res.body.outcome).toBe('published')
    expect((await edit(created.body.comment.id, token, 'Première version de mon avis, corrigée !')).status).toBe(200)
  })
})

describe('rate.comment → 429 with Retry-After', () => {
  it('refuses a second post within 10 s, then lets it through once the interval has passed', async () => {
    const site = await newSite({}) // the defaults of §5: 1 per 10 s, 20 per hour
    const article = freshArticle()
    const { token } = await regular(site)
    expect((await post(site, article, token, 'Premier avis sur la question.')).status).toBe(201)
    t.clock.advance(3_000)
    for (const lang of ['fr', 'en'] as const) {
      const res = await post(site, article, token, 'Second avis, un peu trop rapide.', lang)
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBe('7')
      expect(res.body.error).toMatchObject({ code: 'rate_limited', rule: 'rate.comment', retryAfter: 7 })
      expect(res.body.error.message).toContain(lang === 'fr' ? 'Vous commentez un peu vite' : 'You are commenting a little fast')
      expect(res.body.error.message).toContain(lang === 'fr' ? 'réessayez dans 7 s' : 'try again in 7 s')
    }
    expect(await rowsOf(site)).toHaveLength(1)
    t.clock.advance(7_000)
    expect((await post(site, article, token, 'Second avis, un peu trop rapide.')).status).toBe(201)
  })

  it('new readers wait 30 s between comments', async () => {
    const site = await newSite({})
    const article = freshArticle()
    const { token } = await guest(site)
    expect((await post(site, article, token, 'Bonjour, premier commentaire ici.')).status).toBe(201)
    t.clock.advance(11_000)
    const res = await post(site, article, token, 'Et un deuxième, bien plus tard.')
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('19')
    t.clock.advance(19_000)
    expect((await post(site, article, token, 'Et un deuxième, bien plus tard.')).status).toBe(201)
  })

  it('caps comments per hour, counting the hour back from now', async () => {
    const site = await newSite({ rate: { minIntervalSeconds: 0, perHour: 3, newReaderMinIntervalSeconds: 0 } })
    const article = freshArticle()
    const { token } = await regular(site)
    for (let i = 0; i < 3; i++) {
      expect((await post(site, article, token, `Commentaire numéro ${i} de la série.`)).status).toBe(201)
      t.clock.advance(60_000)
    }
    const res = await post(site, article, token, 'Un de trop dans l’heure.')
    expect(res.status).toBe(429)
    expect(res.body.error.rule).toBe('rate.comment')
    // The first of the three leaves the hour 57 minutes from now (3 minutes have passed since).
    expect(Number(res.headers.get('retry-after'))).toBe(57 * 60)
    expect(await rowsOf(site)).toHaveLength(3)
    t.clock.advance(57 * 60_000 + 1000)
    expect((await post(site, article, token, 'Un de trop dans l’heure.')).status).toBe(201)
  })

  it('a refused comment does not count towards the limits', async () => {
    const site = await newSite({ rate: { minIntervalSeconds: 10, perHour: 20, newReaderMinIntervalSeconds: 10 } })
    const article = freshArticle()
    const { token } = await regular(site)
    expect((await post(site, article, token, 'Ce type est un connard fini.')).status).toBe(422)
    expect((await post(site, article, token, 'Pardon : ce type a tort.')).status).toBe(201)
  })
})

describe('duplicate', () => {
  it('refuses the same text twice, whatever its case, accents and punctuation', async () => {
    const site = await newSite()
    const { token } = await guest(site)
    expect((await post(site, freshArticle(), token, 'Très bon article, merci !')).status).toBe(201)
    for (const [lang, text, message] of [
      ['fr', 'Très bon article, merci !', 'Vous avez déjà publié ce même commentaire'],
      ['en', 'TRES bon article... merci', 'You already posted this same comment'],
    ] as const) {
      const res = await post(site, freshArticle(), token, text, lang)
      expect(res.status).toBe(422)
      expect(res.body.error).toMatchObject({ code: 'rule_violation', rule: 'duplicate', term: 'own' })
      expect(res.body.error.message).toContain(message)
    }
    expect(await rowsOf(site)).toHaveLength(1)
    // Another reader may say the same thing; and after the window, so may the author.
    const { token: other } = await guest(site, 'Alix')
    expect((await post(site, freshArticle(), other, 'Très bon article, merci !')).status).toBe(201)
    t.clock.advance(24 * 3_600_000 + 1000)
    expect((await post(site, freshArticle(), token, 'Très bon article, merci !')).status).toBe(201)
  })

  it('refuses anyone’s text that a moderator rejected', async () => {
    const site = await newSite()
    const { token } = await guest(site)
    const created = await post(site, freshArticle(), token, 'Un avis que la modération a refusé.')
    await t.deps.db
      .updateTable('comment')
      .set({ status: 'rejected', decided_at: t.clock.now(), decided_by: '1' })
      .where('id', '=', created.body.comment.id)
      .execute()
    const { token: other } = await guest(site, 'Alix')
    const res = await post(site, freshArticle(), other, 'un avis que la moderation a refuse', 'en')
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({ rule: 'duplicate', term: 'rejected' })
    expect(res.body.error.message).toContain('already declined by a moderator')
  })
})

describe('author rules', () => {
  it('author.new holds a new reader’s first comments when the site turns it on', async () => {
    const site = await newSite({ ...RELAXED, authorNew: { enabled: true, count: 2 } })
    const article = freshArticle()
    const { token } = await guest(site)
    const outcomes: string[] = []
    const notices: string[] = []
    for (const [i, lang] of (['fr', 'en', 'fr'] as const).entries()) {
      const res = await post(site, article, token, `Mon commentaire numéro ${i}.`, lang)
      expect(res.status).toBe(201)
      outcomes.push(res.body.outcome)
      if (res.body.notice) notices.push(res.body.notice)
    }
    expect(outcomes).toEqual(['pending', 'pending', 'published'])
    expect(notices[0]).toContain('les premiers commentaires des nouveaux lecteurs sont relus')
    expect(notices[1]).toContain('new readers’ first comments are reviewed')

    // Off by default.
    const plain = await newSite()
    const g = await guest(plain)
    expect((await post(plain, article, g.token, 'Mon premier commentaire.')).body.outcome).toBe('published')
  })

  it('author.history holds when ≥ 30 % of the decided comments of 7 days were rejected (at least 3)', async () => {
    const site = await newSite()
    const article = freshArticle()
    const setup = await guest(site, 'Setup')
    const first = await post(site, article, setup.token, 'Ouverture du fil.')
    const threadId = (await rowOf(first.body.comment.id)).thread_id

    const withHistory = async (statuses: ('published' | 'rejected')[], daysAgo = 1) => {
      const g = await guest(site)
      const decidedAt = new Date(t.clock.now().getTime() - daysAgo * 86_400_000)
      for (const [i, status] of statuses.entries()) {
        await t.deps.db
          .insertInto('comment')
          .values({
            thread_id: threadId,
            site_id: site,
            author_id: g.readerId,
            body: `Ancien commentaire ${i}`,
            status,
            rule_matches: '[]',
            ruleset_version: null,
            normalized_hash: null,
            ip_hash: null,
            created_at: decidedAt,
            decided_at: decidedAt,
          })
          .execute()
      }
      return g.token
    }

    const held = await post(site, article, await withHistory(['rejected', 'published', 'published']), 'Nouvel avis.', 'en')
    expect(held.status).toBe(201)
    expect(held.body.outcome).toBe('pending')
    expect(held.body.notice).toContain('several of your recent comments were declined')

    // Under the ratio, too few decisions, or older than the window: published.
    for (const token of [
      await withHistory(['rejected', 'published', 'published', 'published']),
      await withHistory(['rejected', 'rejected']),
      await withHistory(['rejected', 'rejected', 'rejected'], 8),
    ]) {
      expect((await post(site, article, token, 'Un avis mesuré sur le sujet.')).body.outcome).toBe('published')
    }
  })

  it('author.premod set by a moderator holds every comment', async () => {
    const site = await newSite()
    const { token, readerId } = await guest(site)
    await t.deps.db.updateTable('reader').set({ premod: true }).where('id', '=', readerId).execute()
    const res = await post(site, freshArticle(), token, 'Un avis tout à fait correct.')
    expect(res.status).toBe(201)
    expect(res.body.outcome).toBe('pending')
    expect(res.body.notice).toContain('la modération relit vos commentaires')
    const row = await rowOf(res.body.comment.id)
    expect(row.rule_matches).toContainEqual(expect.objectContaining({ rule: 'author.premod', action: 'hold' }))
  })
})

describe('account.sanctioned → 403', () => {
  async function sanction(site: string, readerId: string, kind: 'ban' | 'suspend', until: Date | null) {
    await t.deps.db
      .insertInto('sanction')
      .values({ site_id: site, reader_id: readerId, kind, until, reason: 'test', created_by: '1' })
      .execute()
  }

  it('refuses a banned reader, in French and English, and stores nothing', async () => {
    const site = await newSite()
    const { token, readerId } = await guest(site)
    await sanction(site, readerId, 'ban', null)
    for (const [lang, text] of [
      ['fr', 'Votre compte ne peut pas commenter'],
      ['en', 'Your account cannot comment'],
    ] as const) {
      const res = await post(site, freshArticle(), token, 'Un avis tout à fait correct.', lang)
      expect(res.status).toBe(403)
      expect(res.body.error).toMatchObject({ code: 'sanctioned', rule: 'account.sanctioned' })
      expect(res.body.error.message).toContain(text)
    }
    expect(await rowsOf(site)).toHaveLength(0)
  })

  it('refuses a suspended reader until the suspension ends; a lifted one is free', async () => {
    const site = await newSite()
    const { token, readerId } = await guest(site)
    await sanction(site, readerId, 'suspend', new Date(t.clock.now().getTime() + 3_600_000))
    expect((await post(site, freshArticle(), token, 'Un avis tout à fait correct.')).status).toBe(403)
    t.clock.advance(3_600_000 + 1000)
    expect((await post(site, freshArticle(), token, 'Un avis tout à fait correct.')).status).toBe(201)

    const other = await guest(site, 'Alix')
    await sanction(site, other.readerId, 'ban', null)
    await t.deps.db
      .updateTable('sanction')
      .set({ lifted_at: t.clock.now(), lifted_by: '1' })
      .where('reader_id', '=', other.readerId)
      .execute()
    expect((await post(site, freshArticle(), other.token, 'Merci pour la levée.')).status).toBe(201)
  })

  it('a sanctioned reader cannot edit either', async () => {
    const site = await newSite()
    const { token, readerId } = await guest(site)
    const created = await post(site, freshArticle(), token, 'Un avis tout à fait correct.')
    await sanction(site, readerId, 'ban', null)
    const res = await edit(created.body.comment.id, token, 'Un avis tout à fait correct, modifié.')
    expect(res.status).toBe(403)
    expect((await rowOf(created.body.comment.id)).body).toBe('Un avis tout à fait correct.')
  })
})

describe('thread.closed → 409', () => {
  it('refuses a comment on a thread a moderator closed', async () => {
    const site = await newSite()
    const article = freshArticle()
    const { token } = await guest(site)
    expect((await post(site, article, token, 'Premier avis sur le sujet.')).status).toBe(201)
    await t.deps.db.updateTable('thread').set({ status: 'closed' }).where('site_id', '=', site).execute()
    for (const [lang, text] of [
      ['fr', 'Cette discussion est fermée'],
      ['en', 'This discussion is closed'],
    ] as const) {
      const res = await post(site, article, token, 'Un second avis sur le sujet.', lang)
      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('thread_closed')
      expect(res.body.error.message).toContain(text)
    }
    expect(await rowsOf(site)).toHaveLength(1)
  })

  it('closes threads older than closeAfterHours', async () => {
    const site = await newSite({ ...RELAXED, thread: { closeAfterHours: 48 } })
    const article = freshArticle()
    const { token } = await guest(site)
    expect((await post(site, article, token, 'Premier avis sur le sujet.')).status).toBe(201)
    // The thread's created_at is the database's now(), not the test clock (moved by earlier tests).
    await sql`update thread set created_at = ${t.clock.now()} where site_id = ${site}`.execute(t.deps.db)
    t.clock.advance(47 * 3_600_000)
    expect((await post(site, article, token, 'Encore ouvert, un jour plus tard.')).status).toBe(201)
    t.clock.advance(2 * 3_600_000)
    const res = await post(site, article, token, 'Trop tard pour celui-ci.')
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('thread_closed')
    expect((await threadRead(site, article)).thread).toMatchObject({ status: 'closed', commentCount: 2 })
  })
})

describe('a site’s setting change applies to the very next comment', () => {
  it('words.vulgarAction relaxed to flag', async () => {
    const site = await newSite()
    const { token } = await guest(site)
    const body = 'Putain, quel match hier soir !'
    expect((await post(site, freshArticle(), token, body)).status).toBe(422)
    await updateRules(site, (r) => (r.words = { vulgarAction: 'flag' }))
    const res = await post(site, freshArticle(), token, body)
    expect(res.status).toBe(201)
    expect(res.body.outcome).toBe('published')
    expect((await rowOf(res.body.comment.id)).flagged).toBe(true)
  })

  it('shouting turned off', async () => {
    const site = await newSite()
    const { token } = await guest(site)
    const body = 'CE GOUVERNEMENT NE FAIT RIEN POUR NOUS'
    expect((await post(site, freshArticle(), token, body)).body.error.rule).toBe('shouting')
    await updateRules(site, (r) => (r.shouting = { enabled: false }))
    expect((await post(site, freshArticle(), token, body)).status).toBe(201)
  })

  it('a banned word added, with its inflections and disguises; then allowed again', async () => {
    const site = await newSite()
    const { token } = await guest(site)
    expect((await post(site, freshArticle(), token, 'Les pastèques du marché sont belles.')).status).toBe(201)
    await updateRules(site, (r) => (r.words = { banned: ['pastèque'] }))
    const body = 'Quelle PASTÈQUE, ce ministre.'
    const res = await post(site, freshArticle(), token, body, 'en')
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({ rule: 'words.banned', term: 'pastèque' })
    expect(spanned(body, res.body.error.spans)).toEqual(['PASTÈQUE'])
    expect(res.body.error.message).toContain('The word “pastèque” is not accepted here')
    const disguised = await post(site, freshArticle(), token, 'Quelle p@stèque, ce ministre.')
    expect(disguised.status).toBe(422)
    expect(disguised.body.error.rule).toBe('evasion')

    await updateRules(site, (r) => (r.words = { banned: [], allowed: ['connard'] }))
    expect((await post(site, freshArticle(), token, 'Quelle pastèque, ce ministre.')).status).toBe(201)
    expect((await post(site, freshArticle(), token, 'Ce type est un connard fini.')).status).toBe(201)
  })

  it('a rate limit tightened', async () => {
    const site = await newSite()
    const article = freshArticle()
    const { token } = await regular(site)
    expect((await post(site, article, token, 'Un premier avis.')).status).toBe(201)
    expect((await post(site, article, token, 'Un deuxième avis.')).status).toBe(201)
    await updateRules(site, (r) => (r.rate = { minIntervalSeconds: 60 }))
    const res = await post(site, article, token, 'Un troisième avis.')
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('60')
  })
})

describe('display names', () => {
  const readers = (site: string) => `/api/v1/sites/${site}/readers`

  it.each([
    ['Admin', 'name.reserved', 'Admin'],
    ['Modérateur', 'name.reserved', 'Modérateur'],
    ['Le Journal de Test', 'name.reserved', 'Le Journal de Test'],
    ['LeJournalDeTest', 'name.reserved', 'LeJournalDeTest'],
    ['jean.dupont@exemple.fr', 'name.contact', 'jean.dupont@exemple.fr'],
    ['Camille 06 12 34 56 78', 'name.contact', '06 12 34 56 78'],
    ['Connard du 93', 'name.terms', 'Connard'],
  ])('refuses %s (%s) with field name', async (name, rule, spanText) => {
    const site = await newSite()
    for (const [lang, text] of [
      ['fr', 'choisissez'],
      ['en', 'please choose'],
    ] as const) {
      const res = await t.call('POST', readers(site), { body: { name }, headers: { 'accept-language': lang } })
      expect(res.status, JSON.stringify(res.body)).toBe(422)
      expect(res.body.error).toMatchObject({ code: 'rule_violation', rule, field: 'name' })
      expect(spanned(name, res.body.error.spans)).toContain(spanText)
      expect(res.body.error.message.toLowerCase()).toContain(text)
    }
    const count = await t.deps.db
      .selectFrom('reader')
      .select(sql<string>`count(*)`.as('n'))
      .where('site_id', '=', site)
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(0)
  })

  it('accepts ordinary names, accents and French particles included', async () => {
    const site = await newSite()
    for (const name of ['Camille', 'Hélène de La Tour', 'Jean-Édouard', 'Modeste', 'Constance']) {
      const res = await t.call('POST', readers(site), { body: { name } })
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(201)
    }
  })
})
