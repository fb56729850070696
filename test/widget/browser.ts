import { createRequire } from 'node:module'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's Chromium, headless, with no background traffic of its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** Runs axe-core on the whole page (it walks open shadow roots); returns violations as text. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE })
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<any> } }
    ).axe
    const res = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    })
    return res.violations.map(
      (v: any) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n: any) => JSON.stringify(n.target) + ' ' + n.failureSummary)
          .join(' | ')}`,
    )
  })
  return violations
}

/** The focused element, looking through shadow roots. */
export function activeElement(page: Page) {
  return page.evaluate(() => {
    let el = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    return el
      ? {
          tag: el.tagName.toLowerCase(),
          id: el.id,
          type: el.getAttribute('type'),
          label: el.getAttribute('aria-label'),
          text: (el.textContent ?? '').trim().replace(/\s+/g, ' '),
        }
      : null
  })
}

/** Presses Tab until `match` accepts the focused element; fails after `max` presses. */
export async function tabUntil(
  page: Page,
  match: (el: NonNullable<Awaited<ReturnType<typeof activeElement>>>) => boolean,
  max = 80,
) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const el = await activeElement(page)
    if (el && match(el)) return el
  }
  throw new Error(`focus never reached the expected element in ${max} tabs`)
}

/** Text of every comment body in the thread, in order, looking through shadow roots. */
export function commentTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const walk = (root: ParentNode) => {
      for (const el of root.querySelectorAll('palabre-comment')) {
        const body = el.shadowRoot?.querySelector('.body')
        if (body) out.push((body.textContent ?? '').trim())
        if (el.shadowRoot) walk(el.shadowRoot)
      }
    }
    const thread = document.querySelector('palabre-thread')
    if (thread?.shadowRoot) walk(thread.shadowRoot)
    return out
  })
}

/** Calls the reader API from the test (not the browser): JSON in and out. */
export async function api(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(base + '/api/v1' + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers }
}

/** A guest identity on `site`: the token, and the localStorage entry the widget would keep. */
export async function guest(base: string, site: string, name: string) {
  const res = await api(base, 'POST', `/sites/${site}/readers`, { body: { name } })
  if (res.status !== 201) throw new Error(`guest ${res.status}: ${JSON.stringify(res.body)}`)
  return {
    token: res.body.token as string,
    reader: res.body.reader as { id: string; name: string },
    storage: [
      `palabre:id:${base}:${site}`,
      JSON.stringify({ token: res.body.token, reader: res.body.reader }),
    ] as const,
  }
}

/**
 * Puts a `<palabre-thread>` written directly in a page of the server's origin (the articles list),
 * loaded through embed.js as a publisher using the element directly would, and waits for its data.
 */
export async function mountThread(page: Page, server: string, attrs: Record<string, string>) {
  await page.goto(server + '/articles/')
  await page.evaluate(
    ({ server, attrs }) => {
      const main = document.querySelector('main')!
      main.innerHTML = '<h1>Test</h1>'
      const el = document.createElement('palabre-thread')
      for (const [k, v] of Object.entries({ server, ...attrs })) el.setAttribute(k, v)
      el.addEventListener('palabre-loaded', () => ((window as any).__palabreLoaded = true))
      main.append(el)
      const s = document.createElement('script')
      s.src = server + '/embed.js'
      document.body.append(s)
    },
    { server, attrs },
  )
  await page.waitForFunction(() => (window as any).__palabreLoaded === true)
}

/** Waits until the discussion on the page has rendered its first page. */
export async function waitForThread(page: Page) {
  await page.locator('palabre-thread').scrollIntoViewIfNeeded()
  await page.waitForFunction(() => {
    const root = document.querySelector('palabre-thread')?.shadowRoot
    return (
      !!root?.querySelector('section') &&
      !root.querySelector('[aria-busy="true"]') &&
      !!root.querySelector('h2 span')
    )
  })
}

/** The visible text of `selector` including every shadow root inside it (innerText stops at hosts). */
export function deepText(page: Page, selector = 'palabre-thread'): Promise<string> {
  return page.evaluate((selector) => {
    const parts: string[] = []
    const walk = (node: Node) => {
      if (node instanceof Element) {
        if (['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName)) return
        if (node.shadowRoot) walk(node.shadowRoot)
      }
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '')
      node.childNodes.forEach(walk)
    }
    const root = document.querySelector(selector)
    if (root) walk(root)
    return parts.join(' ').replace(/\s+/g, ' ')
  }, selector)
}
