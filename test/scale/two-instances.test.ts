import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmptyDatabase, hasServer } from '../helpers/db.ts'
import { startPalabreProcess, type PalabreProcess } from '../helpers/process.ts'
import { SseStream } from '../helpers/sse.ts'

/**
 * Issue 6, scale-out: two real `palabre serve` processes on one PostgreSQL database, driven through
 * HTTP only. What one instance does (a post, a decision, a rate limit) holds on the other: its live
 * streams, its cached first pages and its rules hear of it through the database alone.
 */

const SECRET = 'two-instances-secret-two-instances-secret'
const ADMIN = { email: 'admin@two-instances.test', password: 'two instances, one database' }
const SITE = 'deux-instances'
const ORIGIN = 'https://news.example.org'
/** A change must reach the other instance's cached first page within this. */
const PAGE_DEADLINE_MS = 2_000
/** The cached first page's own lifetime (ThreadPageCache's ttlMs): a proof must come well before. */
const CACHE_TTL_MS = 5_000
/** Live events are awaited this long: generous, for a loaded machine. */
const LIVE_TIMEOUT_MS = 10_000

interface Reply {
  status: number
  body: any
  headers: Headers
}

interface Page extends Reply {
  etag: string | null
  ids: string[]
  /** When the request was sent. */
  at: number
}

describe.runIf(hasServer)('two server processes on one database (needs a PostgreSQL server, DATABASE_URL: PGlite is one process)', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>> | undefined
  const instances: PalabreProcess[] = []
  const streams = new Set<SseStream>()
  let one: PalabreProcess
  let two: PalabreProcess
  /** The admin's session on instance 2. */
  let staff: { cookie: string; csrf: string }
  let readers = 0

  beforeAll(async () => {
    database = await createEmptyDatabase()
    const options = { databaseUrl: database.url, secret: SECRET, adminEmail: ADMIN.email, adminPassword: ADMIN.password }
    // One after the other: the first applies the migrations, the second finds them applied.
    one = await startPalabreProcess(options)
    instances.push(one)
    two = await startPalabreProcess(options)
    instances.push(two)

    const login = await call(two, 'POST', '/api/v1/auth/login', {
      body: ADMIN,
      headers: { origin: two.url },
    })
    expect(login.status, JSON.stringify(login.body)).toBe(200)
    const cookie = /palabre_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1]
    expect(cookie).toBeTruthy()
    staff = { cookie: cookie!, csrf: login.body.csrfToken }

    // The site, created through instance 2's admin API with the default rules (rate limits included).
    const site = await staffCall(two, 'POST', '/api/v1/admin/sites', {
      id: SITE,
      name: 'Deux Instances',
      allowedOrigins: [ORIGIN],
    })
    expect(site.status, JSON.stringify(site.body)).toBe(201)
    expect(site.body.site.settings.rules.rate).toEqual({ minIntervalSeconds: 10, perHour: 20, newReaderMinIntervalSeconds: 30 })
  })

  afterAll(async () => {
    await Promise.allSettled([...streams].map((s) => s.close()))
    await Promise.allSettled(instances.map((i) => i.stop()))
    await database?.drop()
  })

  it('a comment posted on instance 1 reaches instance 2: its live stream and its cached first page', async () => {
    const article = 'arrivee-en-direct'
    const live2 = await openStream(two, article)

    // Instance 2 caches the (empty) first page: the second read is the same bytes, same ETag.
    const before = await firstPage(two, article)
    expect(before.status).toBe(200)
    expect(before.headers.get('cache-control')).toContain('public')
    expect(before.etag).toBeTruthy()
    const revalidated = await call(two, 'GET', threadPath(article), { headers: { 'if-none-match': before.etag! } })
    expect(revalidated.status).toBe(304)

    const token = await newReader(one)
    const body = 'Premier commentaire, écrit sur la première instance.'
    const posted = await postComment(one, token, article, body)
    expect(posted.status, JSON.stringify(posted.body)).toBe(201)
    expect(posted.body.outcome).toBe('published')
    const id = posted.body.comment.id as string

    const after = await pollPage(two, article, (p) => p.ids.includes(id), 'the new comment on instance 2')
    expect(after.etag).toBeTruthy()
    expect(after.etag).not.toBe(before.etag)
    expect(after.body.thread.commentCount).toBe(1)
    // Seen before the stale page could have expired by itself: the change was announced, not waited out.
    expect(after.at - before.at).toBeLessThan(CACHE_TTL_MS)

    const event = await live2.waitFor(
      (e) => e.event === 'comment.new' && JSON.parse(e.data).comment?.id === id,
      LIVE_TIMEOUT_MS,
      `comment.new ${id} on instance 2`,
    )
    expect(JSON.parse(event.data).comment.body).toBe(body)
  })

  it('a rejection decided on instance 2 withdraws the comment on instance 1: its live stream and its cached first page', async () => {
    const article = 'retrait-en-direct'
    const live1 = await openStream(one, article)
    const token = await newReader(one)
    const posted = await postComment(one, token, article, 'Un avis qui sera retiré par la modération.')
    expect(posted.status, JSON.stringify(posted.body)).toBe(201)
    expect(posted.body.outcome).toBe('published')
    const id = posted.body.comment.id as string
    await live1.waitFor((e) => e.event === 'comment.new' && JSON.parse(e.data).comment?.id === id, LIVE_TIMEOUT_MS, `comment.new ${id}`)

    // Instance 1 shows it from its cache (a second read, same ETag).
    const shown = await firstPage(one, article)
    expect(shown.ids).toContain(id)
    const cached = await firstPage(one, article)
    expect(cached.etag).toBe(shown.etag)

    const decision = await staffCall(two, 'POST', `/api/v1/moderation/comments/${id}/decision`, {
      action: 'reject',
      reason: 'Retiré depuis la seconde instance',
    })
    expect(decision.status, JSON.stringify(decision.body)).toBe(200)
    expect(decision.body.comment.status).toBe('rejected')

    await live1.waitFor(
      (e) => e.event === 'comment.removed' && JSON.parse(e.data).id === id,
      LIVE_TIMEOUT_MS,
      `comment.removed ${id} on instance 1`,
    )
    const after = await pollPage(one, article, (p) => !p.ids.includes(id), 'the comment gone from instance 1')
    expect(after.etag).not.toBe(shown.etag)
    expect(after.body.thread.commentCount).toBe(0)
    expect(after.at - shown.at).toBeLessThan(CACHE_TTL_MS)
  })

  it('a rate limit counts the posts made through both instances', async () => {
    const article = 'limite-partagee'

    // Posted on 1, then at once on 2: a new reader waits 30 s between comments, whichever instance.
    const token = await newReader(one)
    const first = await postComment(one, token, article, 'Je poste sur la première instance.')
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    const second = await postComment(two, token, article, 'Et aussitôt sur la seconde instance.')
    expect(second.status, JSON.stringify(second.body)).toBe(429)
    expect(second.body.error.code).toBe('rate_limited')
    const retryAfter = Number(second.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(30)

    // Ten posts at once by one fresh reader, five through each instance: exactly one gets through.
    const hurried = await newReader(two)
    const bodies = WORDS.map((word) => `Message pressé numéro ${word}, envoyé en même temps que les autres.`)
    const results = await Promise.all(
      bodies.map((text, i) => postComment(i % 2 === 0 ? one : two, hurried, article, text)),
    )
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 201), JSON.stringify(statuses)).toHaveLength(1)
    expect(statuses.filter((s) => s === 429), JSON.stringify(results.map((r) => r.body))).toHaveLength(9)
    for (const refused of results.filter((r) => r.status === 429)) {
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    }

    // And exactly one is stored: both instances' first pages hold one of the ten.
    for (const instance of [one, two]) {
      const page = await firstPage(instance, article)
      const stored = (page.body.comments as { body: string }[]).filter((c) => bodies.includes(c.body))
      expect(stored).toHaveLength(1)
      expect(page.body.thread.commentCount).toBe(2)
    }
  })

  it('a pending comment never reaches a live stream, on either instance', async () => {
    const article = 'en-attente'
    const live1 = await openStream(one, article)
    const live2 = await openStream(two, article)

    // Links from new readers are held for review (the `links` rule): one posted through each instance.
    const held: string[] = []
    for (const instance of [one, two]) {
      const token = await newReader(instance)
      const res = await postComment(instance, token, article, 'Tout est expliqué ici : https://exemple.org/dossier/enquete')
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      expect(res.body.outcome).toBe('pending')
      held.push(res.body.comment.id)
    }

    // Published comments posted after them, through each instance: once they have arrived on both
    // streams, anything sent about the held ones (in order, through the same buses) would have too.
    const markers: string[] = []
    for (const instance of [one, two]) {
      const token = await newReader(instance)
      const res = await postComment(instance, token, article, `Un commentaire publié, repère de la ${markers.length ? 'seconde' : 'première'} instance.`)
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      expect(res.body.outcome).toBe('published')
      markers.push(res.body.comment.id)
    }
    for (const stream of [live1, live2]) {
      for (const marker of markers) {
        await stream.waitFor((e) => e.event === 'comment.new' && JSON.parse(e.data).comment?.id === marker, LIVE_TIMEOUT_MS, `marker ${marker}`)
      }
      for (const id of held) expect(stream.about(id), `${stream.url} carried pending ${id}`).toEqual([])
    }
    for (const instance of [one, two]) {
      const page = await firstPage(instance, article)
      for (const id of held) expect(page.ids).not.toContain(id)
    }

    // Approved on instance 2, the first is broadcast once, on both streams; the other never is.
    const decision = await staffCall(two, 'POST', `/api/v1/moderation/comments/${held[0]}/decision`, { action: 'approve' })
    expect(decision.status, JSON.stringify(decision.body)).toBe(200)
    for (const stream of [live1, live2]) {
      await stream.waitFor((e) => e.event === 'comment.new' && JSON.parse(e.data).comment?.id === held[0], LIVE_TIMEOUT_MS, `approved ${held[0]}`)
    }
    // The approval's own event is on both streams by now, and the other instance's too: a marker
    // posted after it through the other instance has arrived.
    const token = await newReader(one)
    const last = await postComment(one, token, article, 'Un dernier commentaire publié, après la décision.')
    expect(last.status, JSON.stringify(last.body)).toBe(201)
    for (const stream of [live1, live2]) {
      await stream.waitFor((e) => e.event === 'comment.new' && JSON.parse(e.data).comment?.id === last.body.comment.id, LIVE_TIMEOUT_MS, 'the last marker')
      expect(stream.about(held[0]!).map((e) => e.event)).toEqual(['comment.new'])
      expect(stream.about(held[1]!)).toEqual([])
    }
  })

  // ---- helpers -------------------------------------------------------------------------------

  function threadPath(article: string) {
    return `/api/v1/sites/${SITE}/threads/${article}`
  }

  async function openStream(instance: PalabreProcess, article: string): Promise<SseStream> {
    const stream = await SseStream.open(`${instance.url}${threadPath(article)}/events`, { headers: { origin: ORIGIN } })
    streams.add(stream)
    return stream
  }

  /** A guest reader of the site, created through `instance` (its token is valid on both). */
  async function newReader(instance: PalabreProcess): Promise<string> {
    const names = ['Camille', 'Bastien', 'Delphine', 'Élodie', 'Fabrice', 'Gaëlle', 'Hugo', 'Inès', 'Jules', 'Karim', 'Léa', 'Marius']
    const res = await call(instance, 'POST', `/api/v1/sites/${SITE}/readers`, {
      body: { name: names[readers++ % names.length] },
      headers: { origin: ORIGIN },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.token as string
  }

  function postComment(instance: PalabreProcess, token: string, article: string, body: string): Promise<Reply> {
    return call(instance, 'POST', `${threadPath(article)}/comments`, {
      body: { body },
      headers: { origin: ORIGIN, authorization: `Bearer ${token}` },
    })
  }

  /** The anonymous first page, as every reader (and a CDN) gets it. */
  async function firstPage(instance: PalabreProcess, article: string): Promise<Page> {
    const at = Date.now()
    const res = await call(instance, 'GET', threadPath(article), { headers: { origin: ORIGIN } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return {
      ...res,
      at,
      etag: res.headers.get('etag'),
      ids: (res.body.comments as { id: string }[]).map((c) => c.id),
    }
  }

  /** Reads the first page until `accept` holds, for at most PAGE_DEADLINE_MS from now. */
  async function pollPage(instance: PalabreProcess, article: string, accept: (page: Page) => boolean, what: string): Promise<Page> {
    const deadline = Date.now() + PAGE_DEADLINE_MS
    for (;;) {
      const page = await firstPage(instance, article)
      if (accept(page)) return page
      if (Date.now() >= deadline) {
        throw new Error(`${what}: not within ${PAGE_DEADLINE_MS} ms; last page: ${JSON.stringify(page.body).slice(0, 500)}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  /** A staff call on `instance`: session cookie, its own Origin, the CSRF token. */
  function staffCall(instance: PalabreProcess, method: string, path: string, body?: unknown): Promise<Reply> {
    return call(instance, method, path, {
      body,
      headers: { cookie: `palabre_session=${staff.cookie}`, origin: instance.url, 'x-csrf-token': staff.csrf },
    })
  }
})

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'écho', 'foxtrot', 'golf', 'hôtel', 'india', 'juliette']

async function call(
  instance: PalabreProcess,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${instance.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await res.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body, headers: res.headers }
}
