/**
 * The moderation app's client for the staff API: same origin, the session in an HttpOnly cookie,
 * and the CSRF token (from sign-in or /auth/me) sent on every state-changing request.
 */

export interface Account {
  id: string
  email: string
  name: string
  role: 'admin' | 'moderator'
  sites: string[]
}

export interface Reason {
  rule: string
  action: string
  term: string | null
  spans: { start: number; end: number }[]
  message: { fr: string; en: string }
}

export interface QueueItem {
  comment: {
    id: string
    site: string
    body: string
    status: string
    priority: 'low' | 'normal' | 'high' | 'urgent'
    createdAt: string
    parent: { id: string; author: string | null; excerpt: string } | null
    decision: { action: string; at: string; reason: string | null } | null
  }
  thread: { article: string; title: string; url: string }
  author: {
    id: string
    name: string
    kind: string
    createdAt: string
    approvedCount: number
    rejectedCount: number
    sanctions: { id: string; kind: string; until: string | null; reason: string }[]
  }
  reasons: Reason[]
  reports: { id: string; reason: string; note: string | null; weight: number; createdAt: string }[]
}

export type QueueName = 'pending' | 'reported' | 'approved' | 'rejected' | 'all'

export interface QueuePage {
  items: QueueItem[]
  nextCursor: string | null
  counts: { pending: number; reported: number }
}

export interface AuditEntry {
  id: string
  site: string | null
  actor: { name: string; email: string } | null
  action: string
  target: { type: string; id: string }
  after: Record<string, unknown> | null
  reason: string | null
  createdAt: string
}

/** An error answer from the API, with its localized message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message)
  }
}

export class ModerationApi {
  private csrf = ''
  constructor(public lang: 'fr' | 'en') {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf
    if (body !== undefined) headers['content-type'] = 'application/json'
    const sep = path.includes('?') ? '&' : '?'
    const res = await fetch(`/api/v1${path}${sep}lang=${this.lang}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (res.status === 204) return undefined as T
    const json = await res.json().catch(() => ({}))
    if (!res.ok) {
      const error = json.error ?? {}
      throw new ApiError(res.status, error.code ?? 'internal', error.message ?? res.statusText, error)
    }
    return json as T
  }

  async me(): Promise<Account | undefined> {
    try {
      const res = await this.call<{ account: Account; csrfToken: string }>('GET', '/auth/me')
      this.csrf = res.csrfToken
      return res.account
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return undefined
      throw err
    }
  }

  async login(email: string, password: string): Promise<Account> {
    const res = await this.call<{ account: Account; csrfToken: string }>('POST', '/auth/login', { email, password })
    this.csrf = res.csrfToken
    return res.account
  }

  logout = () => this.call<void>('POST', '/auth/logout')
  sites = () => this.call<{ sites: { id: string; name: string }[] }>('GET', '/moderation/sites')

  queue(site: string, queue: QueueName, cursor?: string | null) {
    const q = new URLSearchParams({ site, queue })
    if (cursor) q.set('cursor', cursor)
    return this.call<QueuePage>('GET', `/moderation/queue?${q}`)
  }

  decide(id: string, action: 'approve' | 'reject', reason?: string, override = false) {
    return this.call<{ comment: { status: string }; changed: boolean }>('POST', `/moderation/comments/${id}/decision`, {
      action,
      ...(reason && { reason }),
      ...(override && { override }),
    })
  }

  sanction(readerId: string, body: { kind: string; until?: string; reason: string }) {
    return this.call<{ sanction: { id: string } }>('POST', `/moderation/readers/${readerId}/sanctions`, body)
  }

  lift = (readerId: string, id: string) => this.call('DELETE', `/moderation/readers/${readerId}/sanctions/${id}`)

  audit(site: string, cursor?: string | null) {
    const q = new URLSearchParams({ site })
    if (cursor) q.set('cursor', cursor)
    return this.call<{ entries: AuditEntry[]; nextCursor: string | null }>('GET', `/moderation/audit?${q}`)
  }

  site = (id: string) => this.call<{ site: AdminSite }>('GET', `/admin/sites/${id}`)
  saveSite = (id: string, body: Partial<AdminSite>) => this.call<{ site: AdminSite }>('PUT', `/admin/sites/${id}`, body)
  rotateSso = (id: string) => this.call<{ ssoSecret: string }>('POST', `/admin/sites/${id}/sso-secret`)
  checkRules = (id: string, body: string) =>
    this.call<{ action: string; matches: { rule: string; term?: string }[] }>('POST', `/admin/sites/${id}/rules/check`, { body })
  createModerator = (body: { email: string; password: string; name?: string; role: string; sites: string[] }) =>
    this.call<{ account: Account }>('POST', '/admin/moderators', body)
}

export interface AdminSite {
  id: string
  name: string
  allowedOrigins: string[]
  rulesText: { fr: string; en: string }
  settings: { rules: { words: { banned: string[]; suspect: string[]; allowed: string[]; vulgarAction: string }; reports: { threshold: number } } & Record<string, unknown> } & Record<string, unknown>
  ssoConfigured: boolean
}
