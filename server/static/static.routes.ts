import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { serveFile } from './compressed-file.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const WIDGET_DIST = path.join(ROOT, 'dist/widget')
export const MODERATION_DIST = path.join(ROOT, 'dist/moderation')
export const DEMO_PAGES = path.join(ROOT, 'demo/pages')

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
}

const SAFE_NAME = /^[A-Za-z0-9._-]{1,100}$/

/** The embed loader, the widget's chunks and the moderation app, as built by `npm run build`. */
export function assetRoutes() {
  return new Hono<AppEnv>()
    .get('/embed.js', async (c) => {
      // Publishers link this name forever: short caching so a new release reaches them soon.
      const res = await serveFile(c, path.join(WIDGET_DIST, 'embed.js'), {
        type: TYPES['.js']!,
        cacheControl: 'public, max-age=300',
      })
      c.header('Access-Control-Allow-Origin', '*')
      return res ?? c.text('embed.js is not built: run npm run build', 503)
    })
    .get('/widget/:file', async (c) => {
      const file = c.req.param('file')
      if (!SAFE_NAME.test(file)) return c.notFound()
      const res = await serveFile(c, path.join(WIDGET_DIST, file), {
        type: TYPES[path.extname(file)] ?? 'application/octet-stream',
        // Chunk names carry a content hash: they never change.
        cacheControl: 'public, max-age=31536000, immutable',
      })
      c.header('Access-Control-Allow-Origin', '*')
      return res ?? c.notFound()
    })
    .get('/moderation', (c) => c.redirect('/moderation/'))
    .get('/moderation/:file{[^/]*}', async (c) => {
      const file = c.req.param('file') || 'index.html'
      const name = SAFE_NAME.test(file) ? file : 'index.html'
      const res = await serveFile(c, path.join(MODERATION_DIST, name), {
        type: TYPES[path.extname(name)] ?? 'application/octet-stream',
        cacheControl: name === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
      })
      return res ?? c.notFound()
    })
}

/**
 * The demo's pages, with `%PALABRE_SERVER%` replaced by this server's URL so they embed the widget
 * by script tag exactly as a publisher's page would.
 */
export function demoPageRoutes(serverUrl: () => string, pages: Record<string, string>) {
  const app = new Hono<AppEnv>()
  for (const [route, file] of Object.entries(pages)) {
    app.get(route, async (c) => {
      const res = await serveFile(c, path.join(DEMO_PAGES, file), {
        type: TYPES['.html']!,
        cacheControl: 'no-cache',
        transform: (html) => html.replaceAll('%PALABRE_SERVER%', serverUrl()),
      })
      return res ?? c.notFound()
    })
  }
  app.get('/article.css', async (c) => {
    const res = await serveFile(c, path.join(DEMO_PAGES, 'article.css'), {
      type: TYPES['.css']!,
      cacheControl: 'no-cache',
    })
    return res ?? c.notFound()
  })
  return app
}
