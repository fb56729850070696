/** One server-sent event, as a browser's EventSource would hand it over. */
export interface SseEvent {
  event: string
  data: string
  id?: string
  /** When this client parsed it (Date.now()). */
  receivedAt: number
}

/**
 * A server-sent events stream read with `fetch`: every event is kept, in order, and `waitFor`
 * resolves on the first one (already received or to come) that matches. `close()` aborts the
 * request and waits for the reading loop to end.
 */
export class SseStream {
  readonly events: SseEvent[] = []
  private readonly abort = new AbortController()
  private readonly wakers = new Set<() => void>()
  private reading: Promise<void> = Promise.resolve()
  /** Set once the stream has ended (closed by either side, or failed). */
  ended: { reason: string } | undefined

  private constructor(readonly url: string) {}

  /** Opens the stream and waits for its first event (`ready`). */
  static async open(url: string, options: { headers?: Record<string, string>; readyTimeoutMs?: number } = {}) {
    const stream = new SseStream(url)
    const timeoutMs = options.readyTimeoutMs ?? 15_000
    const timer = setTimeout(() => stream.abort.abort(new Error(`no response from ${url} in ${timeoutMs} ms`)), timeoutMs)
    try {
      const res = await fetch(url, {
        headers: { accept: 'text/event-stream', ...options.headers },
        signal: stream.abort.signal,
      })
      if (res.status !== 200 || !res.body) {
        throw new Error(`${url}: ${res.status} ${await res.text().catch(() => '')}`)
      }
      const type = res.headers.get('content-type') ?? ''
      if (!type.startsWith('text/event-stream')) throw new Error(`${url}: content-type ${type}`)
      stream.reading = stream.read(res.body)
      await stream.waitFor((e) => e.event === 'ready', timeoutMs, 'the ready event')
      return stream
    } catch (err) {
      await stream.close()
      throw err
    } finally {
      clearTimeout(timer)
    }
  }

  /** The first event matching `accept`; rejects after `timeoutMs` or when the stream ends first. */
  waitFor(accept: (event: SseEvent) => boolean, timeoutMs: number, what = 'an event'): Promise<SseEvent> {
    return new Promise((resolve, reject) => {
      let seen = 0
      const check = () => {
        for (; seen < this.events.length; seen++) {
          const event = this.events[seen]!
          if (accept(event)) return finish(undefined, event)
        }
        if (this.ended) finish(new Error(`${this.url} ended (${this.ended.reason}) before ${what}${this.describe()}`))
      }
      const finish = (err: Error | undefined, event?: SseEvent) => {
        clearTimeout(timer)
        this.wakers.delete(check)
        if (err) reject(err)
        else resolve(event!)
      }
      const timer = setTimeout(
        () => finish(new Error(`${this.url}: no ${what} within ${timeoutMs} ms${this.describe()}`)),
        timeoutMs,
      )
      this.wakers.add(check)
      check()
    })
  }

  /** Events whose JSON data mentions this comment id (as `comment.id` or `id`). */
  about(commentId: string): SseEvent[] {
    return this.events.filter((e) => {
      if (!e.event.startsWith('comment.')) return false
      const data = JSON.parse(e.data) as { id?: string; comment?: { id?: string } }
      return data.id === commentId || data.comment?.id === commentId
    })
  }

  async close(): Promise<void> {
    if (!this.abort.signal.aborted) this.abort.abort(new Error('closed by the test'))
    await this.reading
  }

  private describe(): string {
    const list = this.events.map((e) => `${e.event} ${e.data.slice(0, 120)}`).join('\n  ')
    return `; received:\n  ${list || '(nothing)'}`
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      const reader = body.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n')
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = parseBlock(block)
          if (event) this.events.push(event)
        }
        this.wake()
      }
      this.ended = { reason: 'closed by the server' }
    } catch (err) {
      this.ended = { reason: this.abort.signal.aborted ? 'closed by the test' : (err as Error).message }
    }
    this.wake()
  }

  private wake() {
    for (const waker of [...this.wakers]) waker()
  }
}

/** An event block of the SSE format; undefined for a block of comments only (a heartbeat). */
function parseBlock(block: string): SseEvent | undefined {
  let event = 'message'
  let id: string | undefined
  const data: string[] = []
  let fields = 0
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const name = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    fields++
    if (name === 'event') event = value
    else if (name === 'data') data.push(value)
    else if (name === 'id') id = value
  }
  if (fields === 0 || data.length === 0) return undefined
  return { event, data: data.join('\n'), ...(id !== undefined && { id }), receivedAt: Date.now() }
}
