import { createAccount } from '../../server/accounts/accounts.service.ts'
import type { TestApp } from '../helpers/app.ts'

/** The origin the test app believes it serves (TestApp's `publicUrl`). */
export const OWN_ORIGIN = 'http://palabre.test'

let accounts = 0

export interface StaffClient {
  email: string
  password: string
  accountId: string
  cookie: string
  csrf: string
  /** A same-origin call with the session cookie, Origin and CSRF token (each can be overridden). */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; csrf?: string | null; origin?: string | null },
  ): Promise<{ status: number; body: any; headers: Headers }>
}

/** Creates a staff account and signs it in through the API. */
export async function signIn(
  t: TestApp,
  options: { role?: 'admin' | 'moderator'; sites?: string[] } = {},
): Promise<StaffClient> {
  t.deps.limits.loginsPerWindow = 100_000
  const email = `staff-${process.pid}-${accounts++}@example.org`
  const password = 'correct horse battery'
  const account = await createAccount(t.deps, { email, password, role: options.role ?? 'moderator', sites: options.sites ?? [] })
  const res = await t.call('POST', '/api/v1/auth/login', { body: { email, password }, headers: { origin: OWN_ORIGIN } })
  if (res.status !== 200) throw new Error(`login: ${res.status} ${JSON.stringify(res.body)}`)
  const cookie = sessionCookie(res.headers)
  const csrf = res.body.csrfToken as string
  return {
    email,
    password,
    accountId: account.id,
    cookie,
    csrf,
    call(method, path, o = {}) {
      const headers: Record<string, string> = { cookie: `palabre_session=${cookie}`, ...o.headers }
      const unsafe = !['GET', 'HEAD'].includes(method)
      const origin = o.origin === undefined ? (unsafe ? OWN_ORIGIN : undefined) : o.origin
      if (origin) headers.origin = origin
      const token = o.csrf === undefined ? (unsafe ? csrf : undefined) : o.csrf
      if (token) headers['x-csrf-token'] = token
      return t.call(method, path, { body: o.body, headers })
    },
  }
}

/** The session token from a response's Set-Cookie. */
export function sessionCookie(headers: Headers): string {
  const header = headers.get('set-cookie') ?? ''
  const match = /palabre_session=([^;]+)/.exec(header)
  if (!match) throw new Error(`no session cookie in: ${header}`)
  return match[1]!
}

/** A site where every comment is held for review (the `author.new` rule on for 50 comments). */
export const HOLD_ALL = {
  rules: {
    rate: { minIntervalSeconds: 0, perHour: 10_000, newReaderMinIntervalSeconds: 0 },
    authorNew: { enabled: true, count: 50 },
    authorHistory: { enabled: false },
    duplicate: { enabled: false },
  },
}
