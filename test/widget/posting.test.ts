import { SignJWT } from 'jose'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestSite } from '../helpers/app.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import {
  activeElement,
  api,
  axeViolations,
  commentTexts,
  deepText,
  guest,
  launchBrowser,
  mountThread,
  tabUntil,
} from './browser.ts'

/**
 * The reader's whole path in a real browser against the real server: posting, replying, liking,
 * reporting, editing, deleting, refusals, drafts, retries, paging, languages, keyboard and axe.
 * Each test owns an article on a site with relaxed rate limits; one browser for the file.
 */

const SSO_SECRET = 'widget-test-sso-secret-0123456789abcdef'

let srv: TestServer
let browser: Browser
let site: string
let n = 0
const article = () => `art-${Date.now().toString(36)}-${n++}`

beforeAll(async () => {
  ;[srv, browser] = await Promise.all([startTestServer(), launchBrowser()])
  site = await createTestSite(srv.deps, { origins: [srv.url], ssoSecret: SSO_SECRET })
})

afterAll(async () => {
  await browser?.close()
  await srv?.stop()
})

async function fresh(): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext()
  return { ctx, page: await ctx.newPage() }
}

/** Posts `body` as a new guest `name` through the API; returns the comment. */
async function seed(art: string, name: string, body: string, parentId?: string) {
  const g = await guest(srv.url, site, name)
  const res = await api(srv.url, 'POST', `/sites/${site}/threads/${art}/comments`, {
    token: g.token,
    body: { body, ...(parentId && { parentId }) },
  })
  if (res.status !== 201) throw new Error(`seed ${res.status}: ${JSON.stringify(res.body)}`)
  return { comment: res.body.comment, token: g.token }
}

const thread = (page: Page) => page.locator('palabre-thread')
const composer = (page: Page) => thread(page).locator('palabre-composer').first()
const commentBy = (page: Page, name: string) =>
  thread(page).locator(`article[aria-label="Commentaire de ${name}"]`)

describe('posting as a guest', () => {
  test('a guest posts, replies, likes, reports, edits and deletes', async () => {
    const art = article()
    const other = await seed(
      art,
      'Dominique',
      'Le tracé passe enfin par la gare du Pré-Vert, bonne nouvelle.',
    )
    const { ctx, page } = await fresh()
    await mountThread(page, srv.url, { site, article: art })

    // Post: name remembered, comment shown first, focus moved to it, outcome announced.
    await composer(page).getByLabel('Votre nom').fill('Camille')
    await composer(page)
      .getByLabel('Votre commentaire')
      .fill('Un premier avis, argumenté et courtois.')
    await composer(page).getByRole('button', { name: 'Publier' }).click()
    const mine = commentBy(page, 'Camille').first()
    await mine.waitFor()
    expect(await mine.locator('.body').innerText()).toBe('Un premier avis, argumenté et courtois.')
    expect((await activeElement(page))?.label).toBe('Commentaire de Camille')
    await thread(page)
      .locator('[role="status"]')
      .filter({ hasText: 'Votre commentaire est publié.' })
      .waitFor()
    expect(await page.evaluate(() => localStorage.getItem('palabre:name'))).toBe('"Camille"')
    expect(await composer(page).getByLabel('Votre commentaire').inputValue()).toBe('')
    await composer(page).getByText('Vous commentez en tant que Camille.').waitFor()

    // Reply to Dominique: nested under that comment.
    const theirs = commentBy(page, 'Dominique')
    await theirs.getByRole('button', { name: 'Répondre' }).click()
    const replyForm = theirs.locator('palabre-composer')
    await replyForm
      .getByLabel('Votre réponse à Dominique')
      .fill('Tout à fait, et la gare sera accessible à vélo.')
    await replyForm.getByRole('button', { name: 'Répondre' }).click()
    const reply = thread(page).locator(
      'palabre-comment palabre-comment article[aria-label="Commentaire de Camille"]',
    )
    await reply.waitFor()
    expect(await reply.locator('.body').innerText()).toContain('accessible à vélo')

    // Like: pressed state and the server's count.
    const like = theirs.getByRole('button', { name: /J’aime/ })
    expect(await like.getAttribute('aria-pressed')).toBe('false')
    await like.click()
    await theirs.locator('button[aria-pressed="true"]').waitFor()
    expect(await like.innerText()).toContain('1')

    // Report: the dialog hints to reply instead, offers every reason, and returns focus.
    await theirs.getByRole('button', { name: 'Signaler' }).click()
    const dialog = thread(page).getByRole('dialog', { name: 'Signaler ce commentaire' })
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('Répondez plutôt')
    expect(await dialog.getByRole('radio').count()).toBe(10)
    await dialog.getByRole('button', { name: 'Envoyer le signalement' }).click()
    await dialog.getByText('Choisissez un motif.').waitFor()
    await dialog.getByLabel('Hors sujet').check()
    await dialog.getByLabel('Précisions (facultatif)').fill('Rien à voir avec l’article.')
    await dialog.getByRole('button', { name: 'Envoyer le signalement' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await theirs.getByRole('button', { name: 'Signalé' }).waitFor()
    expect((await activeElement(page))?.text).toBe('Signalé')

    // Edit own comment within the window.
    await mine.getByRole('button', { name: 'Modifier' }).click()
    const editForm = mine.locator('palabre-composer')
    await editForm
      .getByLabel('Modifier votre commentaire')
      .fill('Un premier avis, corrigé après relecture.')
    await editForm.getByRole('button', { name: 'Enregistrer' }).click()
    await mine.locator('.body', { hasText: 'corrigé après relecture' }).waitFor()
    expect(await mine.innerText()).toContain('(modifié)')

    // Delete own comment, after a confirmation.
    await mine.getByRole('button', { name: 'Supprimer' }).click()
    await mine.getByRole('button', { name: 'Confirmer la suppression' }).click()
    await thread(page).getByText('Ce commentaire a été supprimé.').waitFor()

    // All of it is on the server.
    await mountThread(page, srv.url, { site, article: art })
    const texts = await commentTexts(page)
    expect(texts).not.toContain('Un premier avis, corrigé après relecture.')
    expect(texts.some((t) => t.includes('accessible à vélo'))).toBe(true)
    const again = commentBy(page, 'Dominique')
    await again.getByRole('button', { name: 'Signalé' }).waitFor()
    expect(await again.locator('button[aria-pressed="true"]').innerText()).toContain('1')
    const res = await api(srv.url, 'GET', `/sites/${site}/threads/${art}`, { token: other.token })
    expect(res.body.comments.find((c: any) => c.id === other.comment.id).likes).toBe(1)
    await ctx.close()
  })

  test('a refused comment shows the rule beside the text, keeps the text, and highlights spans', async () => {
    const { ctx, page } = await fresh()
    await mountThread(page, srv.url, { site, article: article() })
    const form = composer(page)
    await form.getByLabel('Votre nom').fill('Alex')
    const area = form.getByLabel('Votre commentaire')

    await area.fill('A')
    const first = page.waitForResponse(
      (r) => r.url().includes('/comments') && r.request().method() === 'POST',
    )
    await form.getByRole('button', { name: 'Publier' }).click()
    const refused = await (await first).json()
    expect((await first).status()).toBe(422)
    expect(refused.error.rule).toBe('length')
    await form.locator('.error', { hasText: refused.error.message }).waitFor()
    expect(await area.inputValue()).toBe('A')
    expect(await area.getAttribute('aria-invalid')).toBe('true')
    expect((await activeElement(page))?.tag).toBe('textarea')

    const shout = 'CE PROJET EST UNE HONTE ABSOLUE POUR TOUTE LA VALLÉE'
    await area.fill(shout)
    const second = page.waitForResponse(
      (r) => r.url().includes('/comments') && r.request().method() === 'POST',
    )
    await form.getByRole('button', { name: 'Publier' }).click()
    const body = await (await second).json()
    expect(body.error.rule).toBe('shouting')
    await form.locator('.error', { hasText: body.error.message }).waitFor()
    expect(await area.inputValue()).toBe(shout)
    expect(body.error.spans.length).toBeGreaterThan(0)
    const marks = await form.locator('mark').allInnerTexts()
    expect(marks.join('')).toBe(
      body.error.spans
        .map((s: { start: number; end: number }) => shout.slice(s.start, s.end))
        .join(''),
    )
    // The way to the rules is right there.
    await form.getByRole('button', { name: 'Voir les règles de conduite' }).click()
    await thread(page).locator('palabre-rules h3').waitFor()
    expect(await axeViolations(page)).toEqual([])
    await ctx.close()
  })

  test('a draft survives a reload', async () => {
    const { ctx, page } = await fresh()
    const art = article()
    await mountThread(page, srv.url, { site, article: art })
    await composer(page)
      .getByLabel('Votre commentaire')
      .fill('Un brouillon\nsur deux lignes, pas encore envoyé.')
    await page.reload()
    await mountThread(page, srv.url, { site, article: art })
    expect(await composer(page).getByLabel('Votre commentaire').inputValue()).toBe(
      'Un brouillon\nsur deux lignes, pas encore envoyé.',
    )
    await composer(page).getByText('Brouillon restauré.').waitFor()
    await ctx.close()
  })

  test('a network failure keeps the text and the retry reuses the Idempotency-Key', async () => {
    const { ctx, page } = await fresh()
    const art = article()
    await mountThread(page, srv.url, { site, article: art })
    const keys: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/comments'))
        keys.push(r.headers()['idempotency-key'] ?? '')
    })
    // The first attempt reaches the server, but its answer is lost on the way back.
    await page.route('**/comments', async (route) => {
      await route.fetch()
      await route.abort('connectionreset')
    })
    const form = composer(page)
    await form.getByLabel('Votre nom').fill('Noé')
    await form
      .getByLabel('Votre commentaire')
      .fill('Ce texte ne doit jamais être perdu ni publié deux fois.')
    await form.getByRole('button', { name: 'Publier' }).click()
    await form.getByText('Connexion impossible').waitFor()
    expect(await form.getByLabel('Votre commentaire').inputValue()).toBe(
      'Ce texte ne doit jamais être perdu ni publié deux fois.',
    )
    await page.unroute('**/comments')
    await form.getByRole('button', { name: 'Réessayer' }).click()
    await commentBy(page, 'Noé').waitFor()
    expect(keys).toHaveLength(2)
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/)
    expect(keys[1]).toBe(keys[0])
    const res = await api(srv.url, 'GET', `/sites/${site}/threads/${art}`)
    expect(res.body.comments).toHaveLength(1)
    await ctx.close()
  })
})

describe('reading', () => {
  test('20 comments then "load more", "show N more replies", and sorting', async () => {
    const art = article()
    const first = await seed(art, 'Lecteur 1', 'Commentaire numéro 1 sur le tram-train.')
    for (let i = 2; i <= 25; i++)
      await seed(art, `Lecteur ${i}`, `Commentaire numéro ${i} sur le tram-train.`)
    for (let i = 1; i <= 6; i++)
      await seed(art, `Répondant ${i}`, `Réponse numéro ${i} au premier.`, first.comment.id)
    // Comment 7 is the most liked.
    const liked = (await api(srv.url, 'GET', `/sites/${site}/threads/${art}?sort=oldest`)).body
      .comments[6]
    for (let i = 0; i < 2; i++) {
      const g = await guest(srv.url, site, `Fan ${i}`)
      await api(srv.url, 'POST', `/comments/${liked.id}/reactions`, { token: g.token })
    }

    const { ctx, page } = await fresh()
    await mountThread(page, srv.url, { site, article: art })
    const top = () => thread(page).locator('.list > palabre-comment')
    expect(await top().count()).toBe(20)
    const count = (await api(srv.url, 'GET', `/sites/${site}/threads/${art}`)).body.thread
      .commentCount
    expect(await thread(page).locator('h2').innerText()).toContain(`${count} commentaires`)
    await thread(page).getByRole('button', { name: 'Afficher plus de commentaires' }).click()
    await page.waitForFunction(
      () =>
        document
          .querySelector('palabre-thread')!
          .shadowRoot!.querySelectorAll('.list > palabre-comment').length === 25,
    )
    expect(
      await thread(page).getByRole('button', { name: 'Afficher plus de commentaires' }).count(),
    ).toBe(0)
    // Focus went to the first comment that arrived.
    expect((await activeElement(page))?.label).toMatch(/^Commentaire de Lecteur/)

    // Replies: 3 shown, then the rest on demand.
    const firstComment = thread(page)
      .locator('palabre-comment', {
        has: page.locator('article[aria-label="Commentaire de Lecteur 1"]'),
      })
      .first()
    await firstComment.getByRole('button', { name: 'Afficher 3 autres réponses' }).click()
    await page.waitForFunction(() => {
      const texts: string[] = []
      const walk = (root: ParentNode) =>
        root.querySelectorAll('palabre-comment').forEach((el) => {
          texts.push(el.shadowRoot?.querySelector('.body')?.textContent ?? '')
          if (el.shadowRoot) walk(el.shadowRoot)
        })
      walk(document.querySelector('palabre-thread')!.shadowRoot!)
      return texts.filter((t) => t.includes('Réponse numéro')).length === 6
    })

    // Sorting.
    const select = thread(page).getByLabel('Trier par')
    await select.selectOption('oldest')
    await page.waitForFunction(() =>
      document
        .querySelector('palabre-thread')!
        .shadowRoot!.querySelector('.list > palabre-comment')
        ?.shadowRoot?.textContent?.includes('Commentaire numéro 1 '),
    )
    await select.selectOption('top')
    await page.waitForFunction(() =>
      document
        .querySelector('palabre-thread')!
        .shadowRoot!.querySelector('.list > palabre-comment')
        ?.shadowRoot?.textContent?.includes('Commentaire numéro 7 '),
    )
    await select.selectOption('newest')
    await page.waitForFunction(() =>
      document
        .querySelector('palabre-thread')!
        .shadowRoot!.querySelector('.list > palabre-comment')
        ?.shadowRoot?.textContent?.includes('Commentaire numéro 25 '),
    )
    await ctx.close()
  })

  test('English everywhere when lang="en", with plural forms', async () => {
    const art = article()
    await seed(art, 'Robin', 'A single comment, so the count is singular.')
    const { ctx, page } = await fresh()
    await mountThread(page, srv.url, { site, article: art, lang: 'en' })
    const text = await deepText(page)
    expect(text).toContain('Discussion · 1 comment')
    expect(text).toContain('Rules of conduct')
    expect(text).toContain('Sort by')
    expect(text).toMatch(/Your name/)
    expect(text).toMatch(/2,000 characters left|2000 characters left/)
    expect(text).toMatch(/now|second|minute/)
    expect(text).not.toMatch(/commentaire|Publier|Répondre/)
    await ctx.close()
  })
})

describe('keyboard, accessibility, sign-in', () => {
  test('the whole posting path by keyboard only, then axe finds nothing', async () => {
    const art = article()
    await seed(art, 'Sacha', 'Un commentaire auquel répondre au clavier.')
    const { ctx, page } = await fresh()
    await mountThread(page, srv.url, { site, article: art })
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())

    await tabUntil(page, (el) => el.tag === 'input' && el.id === 'n')
    await page.keyboard.type('Kim')
    await page.keyboard.press('Tab') // e-mail, optional
    await page.keyboard.press('Tab')
    expect((await activeElement(page))?.tag).toBe('textarea')
    await page.keyboard.type('Écrit et envoyé sans souris.')
    await tabUntil(page, (el) => el.tag === 'button' && el.text === 'Publier', 3)
    await page.keyboard.press('Enter')
    await commentBy(page, 'Kim').waitFor()
    expect((await activeElement(page))?.label).toBe('Commentaire de Kim')

    // Reply by keyboard: from the new comment, reach the other one's reply button.
    await tabUntil(page, (el) => el.tag === 'button' && el.text === 'Répondre')
    await page.keyboard.press('Enter')
    expect((await activeElement(page))?.tag).toBe('textarea')
    await page.keyboard.type('Et une réponse, au clavier aussi.')
    await page.keyboard.press('Control+Enter')
    await page.waitForFunction(() => {
      let el = document.activeElement
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
      return (
        el?.getAttribute('aria-label') === 'Commentaire de Kim' &&
        el.textContent?.includes('au clavier aussi')
      )
    })

    // Open and close the report dialog by keyboard: focus returns to its button.
    await tabUntil(page, (el) => el.tag === 'button' && el.text === 'Signaler')
    await page.keyboard.press('Enter')
    await thread(page).getByRole('dialog').waitFor()
    expect(await axeViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    await thread(page).getByRole('dialog').waitFor({ state: 'hidden' })
    expect((await activeElement(page))?.text).toBe('Signaler')

    expect(await axeViolations(page)).toEqual([])
    await ctx.close()
  })

  test('the site’s SSO token signs the reader in (attribute), and the comment carries the badge', async () => {
    const token = await new SignJWT({ name: 'Marie Curie', email: 'marie@example.org' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('subscriber-42')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(SSO_SECRET))
    const { ctx, page } = await fresh()
    await mountThread(page, srv.url, { site, article: article(), 'sso-token': token })
    await composer(page).getByText('Vous commentez en tant que Marie Curie.').waitFor()
    expect(await composer(page).getByLabel('Votre nom').count()).toBe(0)
    await composer(page)
      .getByLabel('Votre commentaire')
      .fill('Abonnée depuis longtemps, ravie de ce projet.')
    await composer(page).getByRole('button', { name: 'Publier' }).click()
    const mine = commentBy(page, 'Marie Curie')
    await mine.waitFor()
    expect(await mine.innerText()).toContain('Abonné')
    await ctx.close()
  })
})
