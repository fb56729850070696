import autocannon from 'autocannon'

export interface LoadResult {
  requestsPerSecond: number
  p50: number
  p99: number
  total: number
  ok: number
  non2xx: number
  errors: number
}

/**
 * Drives `url` on loopback for `seconds` with `connections` concurrent connections (after a short
 * warm-up) and reports throughput and latency percentiles in milliseconds.
 */
export async function load(
  options: autocannon.Options & { url: string; warmupSeconds?: number },
): Promise<LoadResult> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(options.url)) throw new Error('loopback only')
  if (options.warmupSeconds) await autocannon({ ...options, duration: options.warmupSeconds })
  const result = await autocannon({ ...options })
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}
