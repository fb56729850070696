import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SOURCES = [path.join(ROOT, 'widget')] // includes widget/moderation
const OUTPUT = path.join(ROOT, 'dist/widget/embed.js')
const MODERATION_OUTPUT = path.join(ROOT, 'dist/moderation/index.html')

/** Builds the widget and the moderation app into dist/. */
export async function buildAssets(): Promise<string[]> {
  const { buildWidget } = await import('../../widget/build.ts')
  const { files } = await buildWidget(path.join(ROOT, 'dist/widget'))
  const { buildModeration } = await import('../../widget/moderation/build.ts')
  const moderation = await buildModeration(path.join(ROOT, 'dist/moderation'))
  return [...files, ...moderation]
}

/** Builds when dist/ is missing or older than any source file, so `npm start` always serves fresh code. */
export async function ensureBuilt(log: (line: string) => void): Promise<void> {
  const widget = mtime(OUTPUT)
  const moderation = mtime(MODERATION_OUTPUT)
  const built = widget === undefined || moderation === undefined ? undefined : Math.min(widget, moderation)
  if (built !== undefined && newestSource() <= built) return
  log('building the widget…')
  await buildAssets()
}

function mtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs
  } catch {
    return undefined
  }
}

function newestSource(): number {
  let newest = 0
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else newest = Math.max(newest, statSync(full).mtimeMs)
    }
  }
  for (const dir of SOURCES) walk(dir)
  return newest
}
