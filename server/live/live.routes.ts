import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { AppEnv } from '../context.ts'
import { fail } from '../http/errors.ts'
import { articleParam, siteParam } from '../http/params.ts'
import type { LiveMessage } from './live-hub.ts'

/** Seconds between heartbeats: below the idle timeouts of common proxies. */
const HEARTBEAT_MS = 20_000

/**
 * `GET /sites/{site}/threads/{article}/events`: server-sent events for one thread — new, edited and
 * removed comments, from every instance. A hidden tab closes its stream and reloads the first page
 * when it returns, so nothing is replayed here.
 */
export const liveRoutes = new Hono<AppEnv>().get('/sites/:site/threads/:article/events', async (c) => {
  const site = await siteParam(c)
  const article = articleParam(c)
  const hub = c.get('deps').live
  const queue: LiveMessage[] = []
  let wake: (() => void) | undefined
  const unsubscribe = hub.subscribe(site.id, article, (message) => {
    queue.push(message)
    wake?.()
  })
  if (!unsubscribe) throw fail(503, 'too_many_streams', {}, {}, { 'Retry-After': '30' })
  c.header('Cache-Control', 'no-store')
  c.header('X-Accel-Buffering', 'no')
  return streamSSE(c, async (stream) => {
    let open = true
    stream.onAbort(() => {
      open = false
      unsubscribe()
      wake?.()
    })
    let sequence = 0
    await stream.writeSSE({ event: 'ready', data: JSON.stringify({ site: site.id, article }), retry: 5000 })
    try {
      while (open) {
        const message = queue.shift()
        if (message) {
          await stream.writeSSE({ id: String(++sequence), event: message.event, data: JSON.stringify(message.data) })
          continue
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, HEARTBEAT_MS)
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        wake = undefined
        if (open && queue.length === 0) await stream.write(': heartbeat\n\n')
      }
    } finally {
      unsubscribe()
    }
  })
})
