import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestSite } from '../helpers/app.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import {
  api,
  axeViolations,
  commentTexts,
  deepText,
  guest,
  launchBrowser,
  mountThread,
  waitForThread,
} from './browser.ts'

/**
 * The demo pages as a reader meets them: the script tag, the seeded discussion, both languages,
 * other origins, article lists, hostile comments, and axe on each. One browser for the file.
 */

let srv: TestServer
let browser: Browser
let page: Page
const requests: Request[] = []

beforeAll(async () => {
  ;[srv, browser] = await Promise.all([startTestServer(), launchBrowser()])
  page = await browser.newPage()
  page.on('request', (r) => requests.push(r))
})

afterAll(async () => {
  await browser?.close()
  await srv?.stop()
})

describe('the demo article page', () => {
  test('loads the discussion only near the viewport, from the Palabre server alone', async () => {
    requests.length = 0
    await page.goto(srv.url + '/')
    await page.locator('palabre-thread').waitFor({ state: 'attached' })
    const far = await page.evaluate(
      () =>
        document.querySelector('palabre-thread')!.getBoundingClientRect().top > innerHeight + 700,
    )
    expect(far).toBe(true) // the demo article is long enough for the widget to start far below
    {
      await page.waitForTimeout(300)
      expect(requests.filter((r) => r.url().includes('/api/v1/')).length).toBe(0)
      expect(requests.some((r) => r.url().includes('/widget/palabre-thread'))).toBe(false)
    }
    const before = await page.evaluate(
      () => document.querySelector('palabre-thread')!.getBoundingClientRect().height,
    )
    expect(before).toBeGreaterThan(200) // space reserved before any code arrives
    await waitForThread(page)
    const origins = new Set(requests.map((r) => new URL(r.url()).origin))
    expect([...origins]).toEqual([new URL(srv.url).origin])
    // One request for the thread's data, before the first comment.
    expect(requests.filter((r) => r.url().includes('/threads/353917240')).length).toBe(1)
  })

  test('shows the seeded discussion in French: count, nesting, authors, times, likes', async () => {
    const text = await deepText(page)
    expect(text).toMatch(/Discussion · \d+ commentaires/)
    expect(text).toContain('Claire M.')
    expect(text).toContain('Règles de conduite')
    expect(text).toContain('Trier par')
    expect(text).toMatch(/il y a \d+ (heures|minutes)/)
    // Yannick answers Claire: drawn inside her comment.
    const nested = page.locator(
      'palabre-thread palabre-comment palabre-comment article[aria-label="Commentaire de Yannick"]',
    )
    expect(await nested.count()).toBe(1)
    const claire = page
      .locator('palabre-thread article[aria-label="Commentaire de Claire M."]')
      .first()
    expect(await claire.getByRole('button', { name: /J’aime/ }).innerText()).toContain('14')
    // The held comment is not shown to other readers.
    expect(text).not.toContain('bit.ly')
  })

  test('opens the site’s rules in place and gives focus back when closed', async () => {
    const thread = page.locator('palabre-thread')
    const button = thread.getByRole('button', { name: 'Règles de conduite' })
    await button.click()
    await thread.locator('palabre-rules h3').waitFor()
    expect(await button.getAttribute('aria-expanded')).toBe('true')
    expect(await axeViolations(page)).toEqual([])
    await thread.locator('palabre-rules').getByRole('button', { name: 'Fermer' }).click()
    await thread.locator('palabre-rules').waitFor({ state: 'detached' })
    expect(await button.getAttribute('aria-expanded')).toBe('false')
  })

  test('axe finds no violation on the French page, light or dark', async () => {
    expect(await axeViolations(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(
      await page.evaluate(
        () => getComputedStyle(document.querySelector('palabre-thread')!).colorScheme,
      ),
    ).toBe('light dark')
    expect(await axeViolations(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'light' })
  })

  test('does not make the page jump while the reader scrolls down to it', async () => {
    const viewer = await browser.newPage()
    await viewer.addInitScript(() => {
      ;(window as any).__shift = 0
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as any[])
          if (!e.hadRecentInput) (window as any).__shift += e.value
      }).observe({ type: 'layout-shift', buffered: true })
    })
    await viewer.goto(srv.url + '/')
    // Read down the article at a steady pace: the widget loads ahead of the reader.
    for (let i = 0; i < 40; i++) {
      await viewer.mouse.wheel(0, 150)
      await viewer.waitForTimeout(25)
    }
    await waitForThread(viewer)
    await viewer.waitForTimeout(300)
    const cls = await viewer.evaluate(() => (window as any).__shift as number)
    console.log(`cumulative layout shift while scrolling to the discussion: ${cls.toFixed(4)}`)
    expect(cls).toBeLessThan(0.1)
    await viewer.close()
  })

  test('the English page speaks English (locale from <html lang>) and passes axe', async () => {
    await page.goto(srv.url + '/en/')
    await waitForThread(page)
    const text = await deepText(page)
    expect(text).toMatch(/Discussion · \d+ comments/)
    expect(text).toContain('Rules of conduct')
    expect(text).toContain('Helen W.')
    expect(text).toMatch(/\d+ (hours|minutes) ago/)
    expect(text).not.toMatch(/commentaires|Trier par/)
    expect(await axeViolations(page)).toEqual([])
  })

  test('the article list shows every count from one batched request', async () => {
    requests.length = 0
    await page.goto(srv.url + '/articles/')
    await page.waitForFunction(() =>
      [...document.querySelectorAll('palabre-count')].every(
        (el) => (el as HTMLElement).dataset.count,
      ),
    )
    const counts = await page.locator('palabre-count').allInnerTexts()
    expect(counts[0]).toMatch(/^\d+ commentaires$/)
    expect(counts[1]).toMatch(/^\d+ comments?$/)
    expect(counts[2]).toBe('0 commentaire')
    expect(requests.filter((r) => r.url().includes('/counts?')).length).toBe(1)
    expect(await axeViolations(page)).toEqual([])
  })
})

describe('embedding from other origins', () => {
  test('works from an allowed second origin, themed by the host page', async () => {
    expect(srv.secondOriginUrl).toBeTruthy()
    await page.goto(srv.secondOriginUrl + '/')
    await waitForThread(page)
    expect(await deepText(page)).toContain('Claire M.')
    expect(await page.locator('palabre-thread').getAttribute('theme')).toBe('dark')
    expect(await axeViolations(page)).toEqual([])
  })

  test('is refused from an origin the site does not allow', async () => {
    const stranger: Server = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8')
      res.end(`<!doctype html><html lang="fr"><title>Intrus</title><main><h1>Intrus</h1>
        <script async src="${srv.url}/embed.js" data-site="demo" data-article="353917240"></script></main>`)
    })
    await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(stranger.address() as AddressInfo).port}`
    try {
      const res = await api(srv.url, 'GET', '/sites/demo/threads/353917240', {
        headers: { origin },
      })
      expect(res.status).toBe(403)
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
      await page.goto(origin + '/')
      await page.locator('palabre-thread').scrollIntoViewIfNeeded()
      await page.locator('palabre-thread [role="alert"]').waitFor()
      const text = await deepText(page)
      expect(text).toContain('La discussion n’a pas pu être chargée.')
      expect(text).not.toContain('Claire M.')
    } finally {
      await new Promise((resolve) => stranger.close(resolve))
    }
  })
})

describe('hostile comments', () => {
  test('markup, event handlers and javascript: links render as text', async () => {
    const site = await createTestSite(srv.deps, { origins: [srv.url] })
    const article = 'hostile-1'
    const bodies = [
      '<script>window.__pwned = 1</script>Bonjour',
      '<img src=x onerror="window.__pwned = 2"> image ?',
      '<a href="javascript:window.__pwned = 3">clic</a> et javascript:window.__pwned=4',
      'Lien sûr : https://example.org/dossier?x=1&y=2. Fin\n\nSecond paragraphe\navec un saut de ligne.',
    ]
    const g = await guest(srv.url, site, '<b>Mallory</b>')
    for (const body of bodies) {
      const res = await api(srv.url, 'POST', `/sites/${site}/threads/${article}/comments`, {
        token: g.token,
        body: { body },
      })
      expect(res.status).toBe(201)
    }
    // The author sees their own comments even when a link holds one for review.
    await page.goto(srv.url + '/articles/')
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), g.storage)
    await mountThread(page, srv.url, { site, article })
    const texts = await commentTexts(page)
    for (const body of bodies.slice(0, 3))
      expect(texts.some((t) => t.includes(body.slice(0, 20)))).toBe(true)
    expect(await deepText(page)).toContain('<b>Mallory</b>')
    const found = await page.evaluate(() => {
      const out = {
        scripts: 0,
        imgs: 0,
        bolds: 0,
        links: [] as { href: string; rel: string }[],
        paragraphs: 0,
        breaks: 0,
      }
      const walk = (root: ParentNode) =>
        root.querySelectorAll('palabre-comment').forEach((el) => {
          const sr = el.shadowRoot!
          out.scripts += sr.querySelectorAll('.body script').length
          out.imgs += sr.querySelectorAll('.body img').length
          out.bolds += sr.querySelectorAll('b').length
          sr.querySelectorAll('.body a').forEach((a) =>
            out.links.push({ href: a.getAttribute('href')!, rel: a.getAttribute('rel')! }),
          )
          out.paragraphs += sr.querySelectorAll('.body p').length
          out.breaks += sr.querySelectorAll('.body br').length
          walk(sr)
        })
      walk(document.querySelector('palabre-thread')!.shadowRoot!)
      return { ...out, pwned: (window as any).__pwned ?? null }
    })
    expect(found.pwned).toBeNull()
    expect(found.scripts + found.imgs + found.bolds).toBe(0)
    expect(found.links).toEqual([
      { href: 'https://example.org/dossier?x=1&y=2', rel: 'ugc nofollow noopener' },
    ])
    expect(found.paragraphs).toBe(5)
    expect(found.breaks).toBe(1)
    // The comment with a link is held for review (new reader): its author sees it, marked.
    const pending = page.locator('palabre-thread article.is-pending')
    expect(await pending.count()).toBe(1)
    expect(await pending.innerText()).toContain('En attente de relecture')
  })
})
