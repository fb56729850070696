/**
 * The reader API client (SPEC §4): one `fetch` per call, the reader's token in the page origin's
 * localStorage, errors turned into `ApiError` (network failures get `status` 0).
 */
import { load, save } from './storage.ts'

/** A comment as the API returns it. */
export interface Comment {
  id: string
  parentId: string | null
  replyTo?: { id: string; name: string } | null
  /** Null for a deleted comment kept as a tombstone. */
  author: { id: string; name: string; badge?: string | null } | null
  body: string
  status: 'published' | 'pending' | 'deleted'
  createdAt: string
  editedAt: string | null
  likes: number
  replyCount: number
  replies: Comment[]
  repliesCursor: string | null
  viewer?: { liked: boolean; reported: boolean; canEdit: boolean; canDelete: boolean } | null
}

/** Thread metadata. */
export interface ThreadInfo {
  site: string
  article: string
  title: string
  url: string
  status: 'open' | 'closed'
  commentCount: number
}

export interface ThreadPage {
  thread: ThreadInfo
  comments: Comment[]
  nextCursor: string | null
}

export interface Rules {
  title: string
  text: string
  limits: { maxLength: number; editWindowMinutes: number }
  url?: string | null
}

export interface Identity {
  token: string
  reader: { id: string; name: string }
  sso?: boolean
}

export interface PostResult {
  comment: Comment
  outcome: 'published' | 'pending'
  notice?: string
}

export type Sort = 'newest' | 'oldest' | 'top'

/** An API refusal, or `status` 0 / code `network` when the request never got an answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly rule?: string,
    readonly spans?: { start: number; end: number }[],
  ) {
    super(message)
  }
}

/** Path of the first page of a thread (shared with the loader, which prefetches it). */
export const threadPath = (site: string, article: string, sort: Sort = 'newest', cursor = '') =>
  `${'/sites/' + encodeURIComponent(site)}/threads/${encodeURIComponent(article)}?sort=${sort}&limit=20` +
  (cursor && '&cursor=' + encodeURIComponent(cursor))

/** Storage key of the reader identity for one server and site. */
export const identityKey = (server: string, site: string) => `palabre:id:${server}:${site}`

/** Random Idempotency-Key; `getRandomValues` also works outside secure contexts. */
export const newKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')

/** Headers every call sends: the reader's language, and the token when there is one. */
export function headers(lang: string, token?: string | null): Record<string, string> {
  const h: Record<string, string> = { 'Accept-Language': lang }
  if (token) h.Authorization = 'Bearer ' + token
  return h
}

/** Client for one server, site and language. */
export class Api {
  identity: Identity | null

  constructor(
    readonly server: string,
    readonly site: string,
    readonly lang: string,
  ) {
    this.identity = load<Identity>(identityKey(server, site))
  }

  setIdentity(id: Identity | null) {
    this.identity = id
    save(identityKey(this.server, this.site), id)
  }

  /** Reads the JSON answer of a (possibly prefetched) response, throwing `ApiError` on refusal. */
  async read<T>(res: Response): Promise<T> {
    const data = res.status === 204 ? {} : await res.json().catch(() => ({}))
    if (res.ok) return data as T
    const e = (data as { error?: Partial<ApiError> & { message?: string } }).error ?? {}
    if (res.status === 401 && this.identity) this.setIdentity(null)
    throw new ApiError(res.status, e.code ?? 'error', e.message ?? res.statusText, e.rule, e.spans)
  }

  async call<T>(method: string, path: string, body?: unknown, extra?: Record<string, string>) {
    const h = headers(this.lang, this.identity?.token)
    if (body) h['Content-Type'] = 'application/json'
    let res: Response
    try {
      res = await fetch(this.server + '/api/v1' + path, {
        method,
        headers: { ...h, ...extra },
        body: body ? JSON.stringify(body) : null,
      })
    } catch (err) {
      throw new ApiError(0, 'network', String(err))
    }
    return this.read<T>(res)
  }

  thread(article: string, sort: Sort, cursor?: string) {
    return this.call<ThreadPage>('GET', threadPath(this.site, article, sort, cursor))
  }

  replies(id: string, cursor: string) {
    const q = cursor ? '?cursor=' + encodeURIComponent(cursor) : ''
    return this.call<{ comments: Comment[]; nextCursor: string | null }>(
      'GET',
      c(id) + '/replies' + q,
    )
  }

  rules() {
    return this.call<Rules>('GET', site(this.site) + '/rules?lang=' + this.lang)
  }

  /** Creates a guest identity (the site's SSO token is exchanged by `sso.ts`, loaded on demand). */
  async signIn(guest: { name: string; email?: string }) {
    const id = await this.call<Identity>('POST', site(this.site) + '/readers', guest)
    this.setIdentity({ token: id.token, reader: id.reader })
  }

  post(article: string, body: Record<string, string | undefined>, key: string) {
    const path = site(this.site) + '/threads/' + encodeURIComponent(article) + '/comments'
    return this.call<PostResult>('POST', path, body, { 'Idempotency-Key': key })
  }

  like(id: string, on: boolean) {
    return this.call<{ liked: boolean; likes: number }>(
      on ? 'POST' : 'DELETE',
      c(id) + '/reactions',
    )
  }

  report(id: string, reason: string, note?: string) {
    return this.call<unknown>('POST', c(id) + '/reports', { reason, note: note || undefined })
  }
}

const c = (id: string) => '/comments/' + encodeURIComponent(id)
const site = (id: string) => '/sites/' + encodeURIComponent(id)
