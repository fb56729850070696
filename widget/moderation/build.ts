/**
 * Builds the moderation app with esbuild: one content-hashed ES module (Lit included) and the
 * `index.html` that loads it, into a directory the server serves at `/moderation/`.
 */
import { build } from 'esbuild'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

/** The page: French by default (the app switches to the browser's language), no inline script. */
function page(script: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Palabre — Modération</title>
<style>
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; background: light-dark(#f4f5f7, #111316); color: light-dark(#1d1d1f, #e6e7ea); }
</style>
<script type="module" src="/moderation/${script}"></script>
</head>
<body>
<palabre-moderation></palabre-moderation>
<noscript>La modération demande JavaScript. / Moderation needs JavaScript.</noscript>
</body>
</html>
`
}

/** Builds into `outDir` (emptied first); returns the files written. */
export async function buildModeration(outDir = 'dist/moderation'): Promise<string[]> {
  await rm(outDir, { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })
  const result = await build({
    entryPoints: { moderation: here('palabre-moderation.ts') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2021',
    outdir: outDir,
    entryNames: '[name]-[hash]',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
    tsconfig: here('../../tsconfig.json'),
    metafile: true,
  })
  const script = basename(Object.keys(result.metafile.outputs).find((o) => o.endsWith('.js'))!)
  await writeFile(join(outDir, 'index.html'), page(script))
  return [join(outDir, script), join(outDir, 'index.html')]
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log((await buildModeration(process.argv[2])).join('\n'))
}
