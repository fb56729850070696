import { errors as joseErrors, jwtVerify } from 'jose'
import { z } from 'zod'
import type { AppDeps } from '../context.ts'
import type { ReaderRow } from '../db/schema.ts'
import { fail } from '../http/errors.ts'
import { checkDisplayName } from '../rules/content.ts'
import { RuleViolation } from '../rules/rule-violation.ts'
import type { Site } from '../sites/site.ts'
import { insertGuest, upsertSsoReader } from './readers.repository.ts'
import { signReaderToken } from './reader-token.ts'

/** What the API shows of a reader: never their e-mail. */
export interface PublicReader {
  id: string
  name: string
}

export interface ReaderSession {
  token: string
  reader: PublicReader
}

/** Creates a guest identity after checking the display name against the site's rules. */
export async function createGuest(
  deps: AppDeps,
  site: Site,
  input: { name: string; email?: string | undefined },
): Promise<ReaderSession> {
  ensureAcceptableName(site, input.name)
  const row = await insertGuest(deps.db, { siteId: site.id, name: input.name, email: input.email ?? null })
  return session(deps, row)
}

const ssoClaims = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(60),
  email: z.email().max(254).optional(),
  exp: z.number(),
  /** The site vouches that this account is its own staff. */
  staff: z.boolean().optional(),
})

/** Signs a reader in with the site's own account: an HS256 JWT signed with the site's SSO secret. */
export async function signInWithSso(deps: AppDeps, site: Site, token: string): Promise<ReaderSession> {
  if (!site.ssoSecret) throw fail(400, 'sso_not_configured')
  let payload: unknown
  try {
    const key = new TextEncoder().encode(site.ssoSecret)
    payload = (await jwtVerify(token, key, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] }))
      .payload
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw fail(401, 'expired_sso_token')
    throw fail(401, 'invalid_sso_token')
  }
  const claims = ssoClaims.safeParse(payload)
  if (!claims.success) throw fail(401, 'invalid_sso_token')
  const staff = claims.data.staff === true
  if (!staff) ensureAcceptableName(site, claims.data.name)
  const row = await upsertSsoReader(deps.db, {
    siteId: site.id,
    externalId: claims.data.sub,
    name: claims.data.name,
    email: claims.data.email ?? null,
    staff,
  })
  return session(deps, row)
}

function ensureAcceptableName(site: Site, name: string): void {
  const matches = checkDisplayName(name, { settings: site.settings.rules, siteName: site.name })
  const refused = matches.find((m) => m.action === 'reject')
  if (refused) throw new RuleViolation(refused, site, 'name')
}

async function session(deps: AppDeps, row: ReaderRow): Promise<ReaderSession> {
  const token = await signReaderToken(deps.secret, { readerId: row.id, siteId: row.site_id })
  return { token, reader: { id: row.id, name: row.name } }
}
