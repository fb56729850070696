import { z } from 'zod'
import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { notFound } from './errors.ts'
import { check } from './validate.ts'
import type { Site } from '../sites/site.ts'

/** Path and query pieces shared by several routes, each bounded. */
export const siteIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/)
export const articleSchema = z.string().min(1).max(200).regex(/^[\p{L}\p{N}._:~@+-]+$/u)
export const commentIdSchema = z.string().regex(/^[1-9]\d{0,18}$/)
export const cursorSchema = z.string().min(1).max(300)

/** The site named in the path, or a 404 `site_not_found`. */
export async function siteParam(c: Context<AppEnv>): Promise<Site> {
  const id = c.req.param('site') ?? ''
  const site = siteIdSchema.safeParse(id).success ? await c.get('deps').sites.get(id) : undefined
  if (!site) throw notFound('site_not_found', { site: id.slice(0, 64) })
  return site
}

const articlePath = z.object({ article: articleSchema })

/** The article named in the path, validated. */
export function articleParam(c: Context<AppEnv>): string {
  return check(articlePath, { article: c.req.param('article') }).article
}

/** A comment id from the path; anything that is not an id is a comment that does not exist. */
export function commentIdParam(c: Context<AppEnv>): string {
  const parsed = commentIdSchema.safeParse(c.req.param('id'))
  if (!parsed.success) throw notFound('comment_not_found')
  return parsed.data
}
