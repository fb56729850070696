import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { DEMO_MODERATOR, DEMO_SITE } from '../../demo/seed.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { activeElement, axeViolations, launchBrowser } from '../widget/browser.ts'

let server: TestServer
let browser: Browser
let page: Page

/** Three more held comments, oldest first, so the keyboard has a queue to walk. */
async function holdComments() {
  const db = server.deps.db
  const thread = await db.selectFrom('thread').select('id').where('site_id', '=', DEMO_SITE).orderBy('id').executeTakeFirstOrThrow()
  const ids: string[] = []
  for (const [i, name] of ['Kévin', 'Solène', 'Marc'].entries()) {
    const reader = await db.insertInto('reader').values({ site_id: DEMO_SITE, kind: 'guest', external_id: null, name, email: null }).returning('id').executeTakeFirstOrThrow()
    const body = `Commentaire en attente ${i + 1} avec un lien https://bit.ly/x${i}`
    const start = body.indexOf('https://')
    const row = await db
      .insertInto('comment')
      .values({
        thread_id: thread.id,
        site_id: DEMO_SITE,
        author_id: reader.id,
        body,
        status: 'pending',
        rule_matches: JSON.stringify([{ rule: 'links', action: 'hold', term: 'bit.ly', spans: [{ start, end: body.length }] }]),
        created_at: new Date(Date.now() - 86_400_000 * (10 - i)), // older than the demo's own items
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    ids.push(row.id)
  }
  return ids
}

const status = (id: string) =>
  server.deps.db.selectFrom('comment').select(['status', 'decision_reason']).where('id', '=', id).executeTakeFirstOrThrow()
const app = (selector: string) => page.locator(`palabre-moderation ${selector}`)

beforeAll(async () => {
  server = await startTestServer({ limits: { guestsPerHour: 100_000, loginsPerWindow: 1000 } })
  browser = await launchBrowser()
  page = await browser.newPage({ locale: 'fr-FR' })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('moderation app', () => {
  let held: string[]

  it('signs in (axe-clean sign-in page; a wrong password is explained)', async () => {
    held = await holdComments()
    await page.goto(`${server.url}/moderation/`)
    await app('#email').waitFor()
    expect(await axeViolations(page)).toEqual([])
    await app('#email').fill(DEMO_MODERATOR.email)
    await app('#password').fill('wrong password')
    await app('button[type=submit]').click()
    await expect.poll(() => app('[role=alert]').textContent()).toContain('incorrect')
    await app('#password').fill(DEMO_MODERATOR.password)
    await app('#password').press('Enter')
    await app('article.item').first().waitFor()
    expect(await app('nav').textContent()).toMatch(/En attente \(5\)/)
  })

  it('the queue is axe-clean and shows every reason with the matched span marked', async () => {
    expect(await axeViolations(page)).toEqual([])
    const first = app('article.item').first()
    expect(await first.getAttribute('data-id')).toBe(held[0])
    expect(await first.locator('mark').textContent()).toBe('https://bit.ly/x0')
    expect(await first.locator('.reasons').textContent()).toContain('Lien à vérifier (bit.ly).')
    expect(await first.textContent()).toMatch(/Kévin.*membre depuis/s)
  })

  it('works the pending queue by keyboard alone: j/k move, a approves, r rejects with a reason', async () => {
    await page.keyboard.press('j')
    expect((await activeElement(page))?.tag).toBe('article')
    expect(await app('article.item.current').getAttribute('data-id')).toBe(held[1])
    await page.keyboard.press('k')
    expect(await app('article.item.current').getAttribute('data-id')).toBe(held[0])
    await page.keyboard.press('a')
    await expect.poll(async () => (await status(held[0]!)).status).toBe('published')
    await expect.poll(() => app('.status').textContent()).toContain('Commentaire approuvé')
    // Focus moved on to the next item.
    await expect.poll(() => app('article.item.current').getAttribute('data-id')).toBe(held[1])
    await page.keyboard.press('r')
    await app('#reject-reason').waitFor()
    expect((await activeElement(page))?.id).toBe('reject-reason')
    await page.keyboard.press('End') // last reason: "other"
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(async () => await status(held[1]!)).toEqual({ status: 'rejected', decision_reason: 'other' })
    await expect.poll(() => app('nav').textContent()).toMatch(/En attente \(3\)/)
  })

  it('opens the keyboard help with ?', async () => {
    await page.keyboard.press('?')
    await expect.poll(() => app('#help').isVisible()).toBe(true)
    expect(await axeViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
  })

  it('bans an author from the sanction dialog (s)', async () => {
    await app('article.item').first().focus()
    const author = await server.deps.db.selectFrom('comment').select('author_id').where('id', '=', held[2]!).executeTakeFirstOrThrow()
    expect(await app('article.item.current').getAttribute('data-id')).toBe(held[2])
    await page.keyboard.press('s')
    const dialog = page.locator('palabre-mod-sanction dialog')
    await dialog.waitFor()
    expect(await axeViolations(page)).toEqual([])
    await page.locator('palabre-mod-sanction #kind-ban').check()
    await page.locator('palabre-mod-sanction #sanction-reason').fill('Liens publicitaires à répétition')
    await page.locator('palabre-mod-sanction button[type=submit]').click()
    await expect.poll(() => app('.status').textContent()).toContain('Sanction enregistrée')
    const sanctions = await server.deps.db.selectFrom('sanction').selectAll().where('reader_id', '=', author.author_id).execute()
    expect(sanctions.map((s) => s.kind)).toEqual(['ban'])
  })

  it('shows the decisions and the ban in the audit log (axe-clean)', async () => {
    await app('nav button:has-text("Journal")').click()
    const rows = page.locator('palabre-mod-audit tbody tr')
    await rows.first().waitFor()
    const text = await page.locator('palabre-mod-audit table').textContent()
    expect(text).toContain('a sanctionné (Bannissement)')
    expect(text).toContain('a refusé')
    expect(text).toContain('a approuvé')
    expect(text).toContain('Modération (démo)')
    expect(await axeViolations(page)).toEqual([])
  })

  it('speaks English and shows the site settings to an admin (axe-clean)', async () => {
    await app('header button[lang=en]').click()
    await app('nav button:has-text("Site settings")').click()
    await page.locator('palabre-mod-settings #f-name').waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await axeViolations(page)).toEqual([])
    await page.locator('palabre-mod-settings #f-try').fill('Écrivez-moi à jean@example.org')
    await page.locator('palabre-mod-settings button:has-text("Try the rules")').click()
    await expect.poll(() => page.locator('palabre-mod-settings p[role=status]').textContent()).toMatch(/reject.*privacy/)
  })
})
