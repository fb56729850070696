import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/client.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { insertSite } from '../../server/sites/sites.repository.ts'
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts'

/**
 * `npx palabre rules:check --site <id>` as an admin runs it: a real process, texts on standard
 * input, one JSON line out per text. On the PostgreSQL of DATABASE_URL when set, else on a PGlite
 * data directory of the test's own (closed before the CLI opens it: PGlite is single-process).
 */

const root = path.resolve(import.meta.dirname, '../..')
const SITE = 'cli-site'

let env: NodeJS.ProcessEnv
let cleanup: () => Promise<void>

async function addSites(db: Parameters<typeof insertSite>[0]) {
  await insertSite(db, { id: SITE, name: 'Le Quotidien', allowedOrigins: [], settings: {}, ssoSecret: null })
  await insertSite(db, {
    id: 'cli-relaxed',
    name: 'La Gazette',
    allowedOrigins: [],
    settings: { rules: { words: { vulgarAction: 'flag', banned: ['pastèque'] } } },
    ssoSecret: null,
  })
}

beforeAll(async () => {
  const base = { ...process.env }
  delete base.DATABASE_URL
  delete base.PALABRE_DATA_DIR
  if (process.env.DATABASE_URL) {
    const database: TestDatabase = await createTestDatabase()
    await addSites(database.handle.db)
    env = { ...base, DATABASE_URL: database.url }
    cleanup = () => database.destroy()
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'palabre-cli-'))
    const handle = await openDatabase({ dataDir: path.join(dir, 'db') })
    await migrateToLatest(handle.db)
    await addSites(handle.db)
    await handle.close()
    env = { ...base, PALABRE_DATA_DIR: dir }
    cleanup = () => rm(dir, { recursive: true, force: true })
  }
})
afterAll(async () => {
  await cleanup?.()
})

/** Runs the command with `input` on stdin; resolves with its exit code and output. */
function run(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/palabre.js', ...args], { cwd: root, env, stdio: 'pipe' })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(input)
  })
}

interface Line {
  action: string
  matches: { rule: string; term?: string; spans: { start: number; end: number }[] }[]
}

describe('palabre rules:check', () => {
  it('prints one JSON line per input line, with action, rules, terms and spans', async () => {
    const texts = [
      'Très bon article, merci pour ce travail de fond !',
      'Ce type est un connard fini.',
      'Quel bordel à la gare ce matin.',
      'Je sais où tu habites.',
      'Écrivez-moi à jean.dupont@exemple.fr',
      'Ce type est un c-o-n-n-a-r-d.',
      'Putain, quel match !',
      'Dans ce contexte, le conseil du député\u202f: calcul, dispute, Scunthorpe.',
      '',
      'Merci.',
    ]
    const { code, stdout, stderr } = await run(['rules:check', '--site', SITE], texts.join('\n'))
    expect(code, stderr).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(texts.length)
    const out = lines.map((l) => JSON.parse(l) as Line)
    for (const line of out) {
      expect(Object.keys(line).sort()).toEqual(['action', 'matches'])
      for (const m of line.matches) expect(Object.keys(m).every((k) => ['rule', 'term', 'spans'].includes(k))).toBe(true)
    }
    const at = (i: number, rule: string) => out[i]!.matches.find((m) => m.rule === rule)!
    const spanned = (i: number, rule: string) => at(i, rule).spans.map((s) => texts[i]!.slice(s.start, s.end))

    expect(out[0]).toEqual({ action: 'publish', matches: [] })
    expect(out[1]!.action).toBe('reject')
    expect(at(1, 'words.banned').term).toBe('connard')
    expect(spanned(1, 'words.banned')).toEqual(['connard'])
    expect(out[2]!.action).toBe('flag')
    expect(spanned(2, 'words.suspect')).toEqual(['bordel'])
    expect(out[3]!.action).toBe('hold')
    expect(at(3, 'threat')).toBeDefined()
    expect(out[4]!.action).toBe('reject')
    expect(at(4, 'privacy').term).toBe('email')
    expect(spanned(4, 'privacy')).toEqual(['jean.dupont@exemple.fr'])
    expect(out[5]!.action).toBe('reject')
    expect(spanned(5, 'evasion')).toEqual(['c-o-n-n-a-r-d'])
    expect(out[6]!.action).toBe('reject')
    expect(at(6, 'words.vulgar').term).toBe('putain')
    expect(out[7]).toEqual({ action: 'publish', matches: [] })
    // An empty line is a text too: too short.
    expect(out[8]!.action).toBe('reject')
    expect(at(8, 'length').term).toBe('too_short')
    expect(out[9]).toEqual({ action: 'publish', matches: [] })
  })

  it('applies the site’s own settings', async () => {
    const texts = ['Putain, quel match !', 'Quelle pastèque, ce ministre.']
    const { code, stdout, stderr } = await run(['rules:check', '--site', 'cli-relaxed'], `${texts.join('\n')}\n`)
    expect(code, stderr).toBe(0)
    const out = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Line)
    expect(out).toHaveLength(2)
    expect(out[0]).toMatchObject({ action: 'flag', matches: [{ rule: 'words.vulgar', term: 'putain' }] })
    expect(out[1]).toMatchObject({ action: 'reject', matches: [{ rule: 'words.banned', term: 'pastèque' }] })
  })

  it('fails with a message for an unknown site', async () => {
    const { code, stdout, stderr } = await run(['rules:check', '--site', 'nope'], 'Bonjour\n')
    expect(code).not.toBe(0)
    expect(stdout).toBe('')
    expect(stderr).toContain('no site "nope"')
  })
})
