import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'

/**
 * The baseline of the read benchmark: a bare Node.js server answering every request with the very
 * bytes and headers Palabre sends for a thread's first page. Palabre's rate is reported against it.
 */
const [file, port] = process.argv.slice(2)
const body = readFileSync(file!)
const server = createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': body.length,
    'cache-control': 'public, max-age=5, stale-while-revalidate=10',
  })
  res.end(body)
})
server.listen(Number(port), '127.0.0.1', () => console.log(`baseline listening on ${port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
