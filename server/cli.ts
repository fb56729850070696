import { parseArgs } from 'node:util'
import { readConfig } from './config.ts'
import { commands } from './cli/commands.ts'

const USAGE = `Usage: palabre <command> [options]

Commands:
  serve                       serve the API, the embed script and the moderation app
  demo                        the same, plus the demo article pages and demo data (npm start)
  migrate                     apply pending database migrations
  build                       build the widget and the moderation app into dist/
  site:create --id <id> --name <name> --origin <url> [--origin <url>…] [--sso-secret <s>]
  moderator:create --email <e> --password <p> [--name <n>] [--role admin|moderator] [--site <id>…]
  rules:check --site <id>     read texts on stdin (one per line), print one JSON verdict per line
  bench                       run the benchmarks (needs DATABASE_URL)

Configuration comes from the environment: see .env.example.`

const [command, ...rest] = process.argv.slice(2)
const run = command ? commands[command] : undefined
if (!run) {
  console.log(USAGE)
  process.exit(command && command !== 'help' && command !== '--help' ? 2 : 0)
}
const { values } = parseArgs({
  args: rest,
  allowPositionals: false,
  options: {
    id: { type: 'string' },
    name: { type: 'string' },
    origin: { type: 'string', multiple: true },
    'sso-secret': { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    role: { type: 'string' },
    site: { type: 'string', multiple: true },
  },
})
try {
  await run(readConfig(), values)
} catch (err) {
  console.error(`palabre ${command}: ${(err as Error).message}`)
  process.exit(1)
}
