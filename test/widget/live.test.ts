import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_MODERATOR } from '../../demo/seed.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { activeElement, api, commentTexts, guest, launchBrowser, waitForThread } from './browser.ts'

/**
 * Live updates in a real browser: two readers on the demo article, one posting, the other seeing
 * "1 nouveau commentaire" arrive, inserting it on request without the page moving, then seeing it
 * withdrawn by its author's deletion and by a moderator's rejection. One browser for the file.
 */

let srv: TestServer
let browser: Browser

beforeAll(async () => {
  ;[srv, browser] = await Promise.all([startTestServer(), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await srv?.stop()
})

const thread = (page: Page) => page.locator('palabre-thread')
const commentBy = (page: Page, name: string) =>
  thread(page).locator(`article[aria-label="Commentaire de ${name}"]`)

/** Opens the demo article and waits for its discussion and its live stream. */
async function reader(): Promise<Page> {
  const streams = srv.deps.live.size
  const page = await (await browser.newContext()).newPage()
  await page.goto(srv.url + '/')
  await waitForThread(page)
  await expect.poll(() => srv.deps.live.size, { timeout: 10_000 }).toBe(streams + 1)
  return page
}

/** The viewport top of `locator` (a comment's article), in CSS pixels. */
const top = (locator: Locator) => locator.evaluate((el) => el.getBoundingClientRect().top)

/** The demo moderator's session, through the moderation API. */
async function moderator() {
  const res = await fetch(srv.url + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: srv.url },
    body: JSON.stringify(DEMO_MODERATOR),
  })
  expect(res.status).toBe(200)
  const cookie = /palabre_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0]
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  return (id: string, action: 'approve' | 'reject') =>
    api(srv.url, 'POST', `/moderation/comments/${id}/decision`, {
      body: { action, override: true, reason: 'test' },
      headers: { cookie, origin: srv.url, 'x-csrf-token': csrfToken },
    })
}

describe('live updates', () => {
  test('a new comment waits behind a button, is inserted without a jump, and is withdrawn', async () => {
    const a = await reader()
    const b = await reader()
    const decide = await moderator()
    const heading = thread(a).locator('h2')
    const countBefore = Number((await heading.textContent())!.match(/(\d+) comm/)![1])

    // A reads the discussion: the top of the list just below the top of the window.
    const list = thread(a).locator('.list')
    await list.evaluate((el) => scrollBy(0, el.getBoundingClientRect().top - 120))
    const second = thread(a).locator('.list > palabre-comment').nth(1).locator('article').first()
    const anchorName = (await second.getAttribute('aria-label'))!
    const anchor = thread(a).locator(`article[aria-label="${anchorName}"]`).first()
    const y0 = await top(anchor)
    expect(y0).toBeGreaterThan(120)
    expect(y0).toBeLessThan(600)

    // B posts through the widget.
    const text = `En direct depuis l’autre onglet ${Date.now()}.`
    const form = thread(b).locator('palabre-composer').first()
    await form.getByLabel('Votre nom').fill('Bérénice')
    await form.getByLabel('Votre commentaire').fill(text)
    await form.getByRole('button', { name: 'Publier' }).click()
    await expect.poll(() => commentTexts(b)).toContain(text)

    // A is told, and nothing moved: the button appeared above, the page compensated.
    const button = thread(a).getByRole('button', { name: '1 nouveau commentaire' })
    await button.waitFor({ timeout: 10_000 })
    expect(await commentTexts(a)).not.toContain(text)
    // B's own comment came with the answer to the post; B's stream (as fast as A's) adds nothing.
    expect((await commentTexts(b)).filter((t) => t === text)).toHaveLength(1)
    expect(await thread(b).getByRole('button', { name: /nouveau/ }).count()).toBe(0)
    await expect.poll(() => heading.textContent()).toContain(`${countBefore + 1} commentaires`)
    expect(Math.abs((await top(anchor)) - y0)).toBeLessThanOrEqual(1)
    await expect
      .poll(() => thread(a).locator('[role="status"]').textContent())
      .toContain('1 nouveau commentaire')

    // A asks for it: inserted on top, focus on it, what A was reading stays put.
    const y1 = await top(anchor)
    await button.click()
    await expect.poll(() => commentTexts(a)).toContain(text)
    expect(Math.abs((await top(anchor)) - y1)).toBeLessThanOrEqual(1)
    expect((await activeElement(a))?.label).toBe('Commentaire de Bérénice')
    expect(await button.count()).toBe(0)
    expect((await commentTexts(a))[0]).toBe(text)

    // B deletes it: gone for A, the anchor still in place.
    const y2 = await top(anchor)
    const own = commentBy(b, 'Bérénice').first()
    await own.getByRole('button', { name: 'Supprimer' }).click()
    await own.getByRole('button', { name: 'Confirmer la suppression' }).click()
    await expect.poll(() => commentTexts(a)).not.toContain(text)
    expect(Math.abs((await top(anchor)) - y2)).toBeLessThanOrEqual(1)
    await expect.poll(() => heading.textContent()).toContain(`${countBefore} commentaires`)

    // Another reader's comment waits behind the button; a moderator rejects it: the button goes.
    const other = await guest(srv.url, 'demo', 'Octave')
    const posted = await api(srv.url, 'POST', '/sites/demo/threads/353917240/comments', {
      token: other.token,
      body: { body: 'Un second avis, bientôt retiré par la modération.' },
    })
    expect(posted.status).toBe(201)
    expect(posted.body.outcome).toBe('published')
    await thread(a).getByRole('button', { name: '1 nouveau commentaire' }).waitFor()
    expect((await decide(posted.body.comment.id, 'reject')).status).toBe(200)
    await thread(a).getByRole('button', { name: /nouveau/ }).waitFor({ state: 'detached' })

    // A reply under a comment A sees: its "more replies" count, not a jump.
    const parent = thread(a).locator('.list > palabre-comment').nth(2)
    const parentId = await parent.evaluate((el) => (el as any).comment.id as string)
    const replies = await parent.evaluate((el) => (el as any).comment.replyCount as number)
    const y3 = await top(anchor)
    const third = await guest(srv.url, 'demo', 'Paule')
    const reply = await api(srv.url, 'POST', '/sites/demo/threads/353917240/comments', {
      token: third.token,
      body: { body: 'Une réponse en direct.', parentId },
    })
    expect(reply.status).toBe(201)
    await expect
      .poll(() => parent.evaluate((el) => (el as any).comment.replyCount as number))
      .toBe(replies + 1)
    await parent.getByRole('button', { name: /Afficher \d+ autres? réponses?/ }).first().waitFor()
    expect(await commentTexts(a)).not.toContain('Une réponse en direct.')
    expect(Math.abs((await top(anchor)) - y3)).toBeLessThanOrEqual(1)
    // Asked for, it shows below the replies already there.
    await parent.getByRole('button', { name: /Afficher \d+ autres? réponses?/ }).first().click()
    await expect.poll(() => commentTexts(a)).toContain('Une réponse en direct.')
  })

  test('a hidden tab disconnects and catches up when it returns', async () => {
    const a = await reader()
    const streams = srv.deps.live.size
    const hide = (hidden: boolean) =>
      a.evaluate((hidden) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden })
        document.dispatchEvent(new Event('visibilitychange'))
      }, hidden)
    await hide(true)
    await expect.poll(() => srv.deps.live.size).toBe(streams - 1)

    const other = await guest(srv.url, 'demo', 'Suzanne')
    const text = `Écrit pendant l’absence ${Date.now()}.`
    const posted = await api(srv.url, 'POST', '/sites/demo/threads/353917240/comments', {
      token: other.token,
      body: { body: text },
    })
    expect(posted.status).toBe(201)

    await hide(false)
    await expect.poll(() => srv.deps.live.size).toBe(streams)
    const button = thread(a).getByRole('button', { name: '1 nouveau commentaire' })
    await button.waitFor({ timeout: 10_000 })
    await button.click()
    await expect.poll(async () => (await commentTexts(a))[0]).toBe(text)
  })
})
