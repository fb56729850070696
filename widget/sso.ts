/**
 * Sign-in with the host site's SSO token (`sso-token`, `signIn(jwt)`), loaded only on pages that
 * give one: the token is exchanged for a reader identity stored like a guest's.
 */
import type { Api, Identity } from './api.ts'

export async function sso(api: Api, token: string) {
  const id = await api.call<Identity>('POST', `/sites/${encodeURIComponent(api.site)}/sso`, {
    token,
  })
  api.setIdentity({ token: id.token, reader: id.reader, sso: true })
}
