/**
 * Builds the reader widget with esbuild: `embed.js` (a tiny classic-script loader) plus ES2020
 * modules for the elements, code-split and content-hashed, all in one directory that the server
 * serves as `/embed.js` and `/widget/<file>`.
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild'
import { readFile, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

/**
 * esbuild leaves template literals as written; in Lit's html`` and css`` that is indentation and
 * newlines, which HTML and CSS collapse anyway. This drops line indentation in our own sources and
 * squeezes css`` blocks (which hold no expressions).
 */
const squeeze: Plugin = {
  name: 'palabre-squeeze',
  setup(b) {
    b.onLoad({ filter: /[\\/]widget[\\/].*\.ts$/ }, async ({ path }) => {
      const src = await readFile(path, 'utf8')
      const contents = src.replace(/\n[ \t]+/g, '\n').replace(/css`([^`$]*)`/g, (_, c: string) => {
        const min = c
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .replace(/([\s:(,])0\./g, '$1.')
          .replace(/ \+ (?=[*.a-z])/g, '+')
        return 'css`' + min + '`'
      })
      return { contents, loader: 'ts' }
    })
  },
}

/**
 * Lit's production build keeps two long messages for misuse of its `css` tag (a CSSResult built by
 * hand, a non-CSS value interpolated), which our styles cannot trigger: they become short ones.
 */
const litMessages: Plugin = {
  name: 'palabre-lit-messages',
  setup(b) {
    b.onLoad({ filter: /[\\/]@lit[\\/]reactive-element[\\/]css-tag\.js$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8'))
        .replace(/Error\("CSSResult is[^"]*"\)/, 'Error("CSSResult")')
        .replace(/Error\("Value passed[^"]*"\+t\+"[^"]*"\)/, 'Error("css: "+t)'),
      loader: 'js',
    }))
  },
}

const common: BuildOptions = {
  bundle: true,
  minify: true,
  target: 'es2020',
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  tsconfig: here('../tsconfig.json'),
  plugins: [squeeze, litMessages],
}

/** Output files an entry needs before it can run: itself and its static imports, transitively. */
function closure(meta: Metafile, entry: string): string[] {
  const seen = new Set<string>()
  const visit = (out: string) => {
    if (seen.has(out)) return
    seen.add(out)
    for (const imp of meta.outputs[out]?.imports ?? [])
      if (imp.kind === 'import-statement') visit(imp.path)
  }
  visit(entry)
  return [...seen]
}

/**
 * Builds into `outDir` (emptied first). `files` are every file written; `initial` the ones a reader
 * downloads before the first comment shows (loader, thread element and its static imports).
 */
export async function buildWidget(
  outDir = 'dist/widget',
): Promise<{ files: string[]; initial: string[] }> {
  await rm(outDir, { recursive: true, force: true })
  const modules = await build({
    ...common,
    entryPoints: { 'palabre-thread': here('palabre-thread.ts') },
    format: 'esm',
    splitting: true,
    outdir: outDir,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    metafile: true,
  })
  // The count shares nothing with the discussion, so it is built alone (one small file).
  const count = await build({
    ...common,
    entryPoints: { 'palabre-count': here('palabre-count.ts') },
    format: 'esm',
    outdir: outDir,
    entryNames: '[name]-[hash]',
    metafile: true,
  })
  const meta = modules.metafile!
  const outputs = Object.keys(meta.outputs)
  const threadOut = outputs.find((o) => meta.outputs[o]!.entryPoint?.endsWith('palabre-thread.ts'))!
  const locale = (lang: string) =>
    basename(outputs.find((o) => meta.outputs[o]!.entryPoint?.endsWith(`locales/${lang}.ts`))!)
  // Everything the thread entry shares with the lazy chunks lands in one chunk, leaving the entry a
  // bare re-export of it: the loader then imports that chunk itself, one file and request fewer.
  const entry = meta.outputs[threadOut]!
  const shared = entry.imports.filter((i) => i.kind === 'import-statement')
  const bare = shared.length === 1 && Object.values(entry.inputs).every((i) => !i.bytesInOutput)
  const threadFile = bare ? shared[0]!.path : threadOut
  const initialModules = closure(meta, threadFile)
  const files = {
    thread: basename(threadFile),
    count: basename(Object.keys(count.metafile!.outputs)[0]!),
    // Fetched with the thread so its static imports and strings do not wait for it to be parsed.
    preload: initialModules.filter((o) => o !== threadFile).map((o) => basename(o)),
    locales: { fr: locale('fr'), en: locale('en') },
  }
  await build({
    ...common,
    entryPoints: [here('embed.ts')],
    format: 'iife',
    outfile: join(outDir, 'embed.js'),
    define: { __PALABRE_FILES__: JSON.stringify(files) },
  })
  const all = ['embed.js', files.count, ...outputs.map((o) => basename(o))]
  // Before the first comment: the loader, the thread's modules and the larger of the two locales.
  const initial = ['embed.js', ...initialModules.map((o) => basename(o))]
  const sizes = await Promise.all(
    Object.values(files.locales).map(async (f) => (await readFile(join(outDir, f))).length),
  )
  initial.push(sizes[0]! >= sizes[1]! ? files.locales.fr : files.locales.en)
  return { files: all.map((f) => join(outDir, f)), initial: initial.map((f) => join(outDir, f)) }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files } = await buildWidget(process.argv[2])
  console.log(files.join('\n'))
}
