import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../bench/processes.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const READY = /Palabre is running at /

/** A `palabre serve` process of its own, on a port of its own. */
export interface PalabreProcess {
  /** `http://127.0.0.1:<port>`, also its public URL (so it is its own staff origin). */
  url: string
  child: ChildProcess
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string
  /** SIGTERM (the server closes cleanly), SIGKILL after `graceMs`; then removes its data folder. */
  stop(graceMs?: number): Promise<void>
}

export interface PalabreProcessOptions {
  databaseUrl: string
  secret: string
  adminEmail?: string
  adminPassword?: string
  /** Extra environment variables. */
  env?: NodeJS.ProcessEnv
  readyTimeoutMs?: number
}

/**
 * Starts `node bin/palabre.js serve` on 127.0.0.1 and a free port, with a temporary data folder,
 * and resolves once it says it is running. A process that does not get there is killed before the
 * error is thrown, so a failed start leaves nothing behind. The port is found free then handed to
 * the child, so another program may take it in between: such a start is retried on another port.
 */
export async function startPalabreProcess(options: PalabreProcessOptions): Promise<PalabreProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'palabre-process-'))
  let lastError: Error | undefined
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort()
      const url = `http://127.0.0.1:${port}`
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: options.databaseUrl,
        PALABRE_SECRET: options.secret,
        PALABRE_DATA_DIR: dataDir,
        PALABRE_PUBLIC_URL: url,
        PALABRE_ADMIN_EMAIL: options.adminEmail ?? '',
        PALABRE_ADMIN_PASSWORD: options.adminPassword ?? '',
        PALABRE_DB_POOL: '',
        PALABRE_TRUST_PROXY: '',
        ...options.env,
      }
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/palabre.js'), 'serve'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      const collect = (chunk: Buffer) => {
        output += chunk.toString()
        if (output.length > 200_000) output = output.slice(-100_000)
      }
      child.stdout!.on('data', collect)
      child.stderr!.on('data', collect)
      const running: PalabreProcess = {
        url,
        child,
        output: () => output,
        stop: (graceMs = 10_000) => stopChild(child, graceMs),
      }
      try {
        await waitReady(child, () => output, options.readyTimeoutMs ?? 90_000)
      } catch (err) {
        await stopChild(child, 0)
        lastError = err as Error
        if (/EADDRINUSE/.test(output)) continue
        throw err
      }
      const stop = running.stop
      return {
        ...running,
        async stop(graceMs) {
          await stop(graceMs)
          await rm(dataDir, { recursive: true, force: true })
        },
      }
    }
    throw lastError ?? new Error('could not start palabre')
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true })
    throw err
  }
}

function waitReady(child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer)
      child.stdout!.off('data', check)
      child.stderr!.off('data', check)
      child.off('exit', exited)
      if (err) reject(err)
      else resolve()
    }
    const check = () => {
      if (READY.test(output())) done()
    }
    const exited = (code: number | null, signal: string | null) =>
      done(new Error(`palabre exited (${code ?? signal}) before it was ready:\n${output()}`))
    const timer = setTimeout(() => done(new Error(`palabre not ready after ${timeoutMs} ms:\n${output()}`)), timeoutMs)
    child.stdout!.on('data', check)
    child.stderr!.on('data', check)
    child.once('exit', exited)
    check()
  })
}

/** Ends a child: SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    if (graceMs > 0) child.kill('SIGTERM')
  })
}
