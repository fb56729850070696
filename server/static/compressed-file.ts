import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'
import type { Context } from 'hono'

interface Entry {
  mtimeMs: number
  etag: string
  raw: Buffer
  gzip: Buffer
  br: Buffer
}

const cache = new Map<string, Entry>()

/**
 * Serves a small file compressed the way the client accepts (brotli, gzip, or none), with an ETag
 * and 304s. Files are read and compressed once, again only when they change on disk.
 */
export async function serveFile(
  c: Context,
  file: string,
  options: { type: string; cacheControl: string; transform?: (text: string) => string },
): Promise<Response | undefined> {
  const entry = await load(file, options.transform)
  if (!entry) return undefined
  c.header('Content-Type', options.type)
  c.header('Cache-Control', options.cacheControl)
  c.header('ETag', entry.etag)
  c.header('Vary', 'Accept-Encoding', { append: true })
  if (c.req.header('if-none-match') === entry.etag) return c.body(null, 304)
  const accepts = c.req.header('accept-encoding') ?? ''
  if (/\bbr\b/.test(accepts)) {
    c.header('Content-Encoding', 'br')
    return c.body(new Uint8Array(entry.br))
  }
  if (/\bgzip\b/.test(accepts)) {
    c.header('Content-Encoding', 'gzip')
    return c.body(new Uint8Array(entry.gzip))
  }
  return c.body(new Uint8Array(entry.raw))
}

async function load(file: string, transform?: (text: string) => string): Promise<Entry | undefined> {
  let mtimeMs: number
  try {
    mtimeMs = (await stat(file)).mtimeMs
  } catch {
    return undefined
  }
  const key = transform ? `${file}\0t` : file
  const hit = cache.get(key)
  if (hit && hit.mtimeMs === mtimeMs) return hit
  let raw = await readFile(file)
  if (transform) raw = Buffer.from(transform(raw.toString('utf8')))
  const entry: Entry = {
    mtimeMs,
    raw,
    etag: `"${createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`,
    gzip: gzipSync(raw, { level: 9 }),
    br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  }
  cache.set(key, entry)
  return entry
}
