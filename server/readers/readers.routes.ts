import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { hitRateLimit } from '../limits/rate-buckets.ts'
import { siteParam } from '../http/params.ts'
import { jsonBody } from '../http/validate.ts'
import { createGuest, signInWithSso } from './readers.service.ts'
import { clientKey } from '../http/client-ip.ts'

export const guestSchema = z.strictObject({
  name: z.string().trim().min(2).max(40),
  email: z.email().max(254).optional(),
})

export const ssoSchema = z.strictObject({ token: z.string().min(10).max(4096) })

/** Reader identities: guests, and readers signed in with the site's own account. */
export const readerRoutes = new Hono<AppEnv>()
  .post('/sites/:site/readers', async (c) => {
    const site = await siteParam(c)
    const input = await jsonBody(c, guestSchema)
    const deps = c.get('deps')
    await hitRateLimit(deps.db, { key: `guest:${clientKey(c)}`, max: deps.limits.guestsPerHour, windowSeconds: 3600, now: deps.now() })
    return c.json(await createGuest(deps, site, input), 201)
  })
  .post('/sites/:site/sso', async (c) => {
    const site = await siteParam(c)
    const input = await jsonBody(c, ssoSchema)
    return c.json(await signInWithSso(c.get('deps'), site, input.token), 200)
  })
