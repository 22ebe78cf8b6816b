import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { useTestApp } from '../support/use-test-app.js';
import {
  click,
  describeInBrowser,
  openClient,
  PaneDriver,
  saveScreenshot,
  step,
  useBrowser,
  waitForButton,
} from './support/browser.js';
import { cardOverflows, resetCardWidths } from './support/overflow.js';
import { createDemoOrder, fillIn, LONG_COMPANY, walkToReview } from './support/setup-walk.js';

const ADMIN = 'ops@wxcc.example';

describeInBrowser('the local Webex client in Chromium', () => {
  const app = useTestApp({ admins: [ADMIN] });
  const browser = useBrowser();
  const pages: Page[] = [];
  afterAll(async () => {
    for (const page of pages) await page.context().close();
  });
  const open = async (width?: number) => {
    const page = await openClient(browser(), app.url, width);
    pages.push(page);
    return page;
  };

  it('completes a whole setup by clicking and typing only, pictured at 1280, 480, 390 and 360 px, and every card fits at 360 and 480 px', async () => {
    const page = await open(1100);
    const pat = new PaneDriver(page, 0);
    await pat.pick('pat@partner.example');
    const orderId = await createDemoOrder(page, 'pat@partner.example');
    await waitForButton(pat, 'Set up now');
    const review = await walkToReview(pat);
    await expect.poll(() => review.textContent()).toContain(LONG_COMPANY);
    const before = await click(pat, 'Confirm');
    await pat.cards().nth(before).waitFor();
    await expect
      .poll(() => page.locator('.orders-panel [data-field="status"]').textContent(), { timeout: 20_000 })
      .toBe('completed');
    expect(await page.locator('.orders-panel').textContent()).toContain(orderId);
    // The README's picture (docs/local-client.png) is this one, at the window's size; it goes
    // first, as a full-page picture leaves the conversation scrolled back to its top.
    const window = await saveScreenshot(page, 'setup-completed-window', false);
    // The README's screenshot is written by this test, so that it shows the client as it is.
    copyFileSync(window, join(process.cwd(), 'docs', 'local-client.png'));
    await saveScreenshot(page, 'setup-completed');
    // The conversation as it ends, one picture per width: a desktop, a small tablet, two phones.
    for (const width of [1280, 480, 390, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate('window.scrollTo(0, 0)');
      await pat.root.locator('.messages').evaluate((list: { scrollTop: number; scrollHeight: number }) => {
        list.scrollTop = list.scrollHeight;
      });
      await expect.poll(() => pat.root.locator('.composer').isVisible()).toBe(true);
      expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBe(0);
      await saveScreenshot(page, `setup-completed-conversation-${width}`, false);
    }
    await page.setViewportSize({ width: 1100, height: 900 });

    const cards = pat.cards();
    expect(await cards.count()).toBeGreaterThanOrEqual(9);
    for (const width of [360, 480]) expect(await cardOverflows(cards, width), `at ${width} px`).toEqual([]);
    await resetCardWidths(cards);
  }, 120_000);

  it('keeps a bad email next to its field, with the value typed', async () => {
    const page = await open();
    const pane = new PaneDriver(page, 0);
    await pane.pick('lee@partner.example');
    await createDemoOrder(page, 'lee@partner.example');
    await step(pane, 'Set up now', 'I am a partner');
    await step(pane, 'I am a partner', 'Yes, I will set up');
    const label = 'Email address of the person who will set up the services';
    // Another domain passes the card's own pattern; the bot refuses it and sends the card again.
    const again = await step(
      pane,
      'Another person in my company will set up',
      'Yes, I will set up',
      fillIn(label, 'someone@elsewhere.example'),
    );
    await expect.poll(() => again.getByLabel(label).inputValue()).toBe('someone@elsewhere.example');
    await expect.poll(() => again.textContent()).toContain('use an address on the same domain as yours');
    // A value that is no email at all: the bot says so next to the field, with the value kept
    // (the card checks nothing itself, so that Save and exit can keep a half-typed card).
    const third = await step(
      pane,
      'Another person in my company will set up',
      'Yes, I will set up',
      fillIn(label, 'not an email'),
    );
    await expect.poll(() => third.textContent()).toContain('Enter a valid email address');
    expect(await third.getByLabel(label).inputValue()).toBe('not an email');
    // The focus ring is drawn inside the field: it does not cover the error under it.
    await third.getByLabel(label).focus();
    const inputBox = await third.getByLabel(label).boundingBox();
    const ringStyle = await page.evaluate(
      '(() => { const s = getComputedStyle(document.activeElement); return [parseFloat(s.outlineOffset), parseFloat(s.outlineWidth)]; })()',
    );
    const errorBox = await third.getByText('Enter a valid email address').boundingBox();
    const [offset, ringWidth] = ringStyle as [number, number];
    const ringBottom = (inputBox?.y ?? 0) + (inputBox?.height ?? 0) + offset + ringWidth;
    const errorTop = errorBox?.y ?? 0;
    expect(ringBottom).toBeLessThanOrEqual(errorTop + 0.5);
    await saveScreenshot(page, 'bad-email');
  }, 90_000);

  it('follows a hand-off from both people, side by side', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Split view' }).click();
    const kim = new PaneDriver(page, 0);
    const sam = new PaneDriver(page, 1);
    await kim.pick('kim@partner.example');
    await sam.pick('sam@partner.example');
    const orderId = await createDemoOrder(page, 'kim@partner.example');
    await step(kim, 'Set up now', 'I am a partner');
    await step(kim, 'I am a partner', 'Yes, I will set up');
    await click(
      kim,
      'Another person in my company will set up',
      fillIn('Email address of the person who will set up the services', 'sam@partner.example'),
    );
    await kim.cardWith('Setup handed over');
    const invite = await waitForButton(sam, 'Continue setup');
    expect(await invite.textContent()).toContain(orderId);
    const before = await click(sam, 'Continue setup');
    await expect
      .poll(() => sam.cards().nth(before).textContent(), { timeout: 20_000 })
      .toMatch(/Step \d of \d/);
    await expect
      .poll(() => page.locator('.orders-panel .order-status').textContent(), { timeout: 20_000 })
      .toContain('sam@partner.example');
    await saveScreenshot(page, 'handoff-both-ends');
  }, 90_000);

  it("answers an administrator's status command typed in the page", async () => {
    const page = await open();
    const pat = new PaneDriver(page, 0);
    await pat.pick('ana@partner.example');
    const orderId = await createDemoOrder(page, 'ana@partner.example');
    await waitForButton(pat, 'Set up now');
    const admin = new PaneDriver(page, 0);
    await admin.pick(ADMIN);
    await admin.say(`status ${orderId}`);
    const status = await admin.cardWith(orderId);
    await expect.poll(() => status.textContent()).toMatch(/invited|in progress/i);
    await expect.poll(() => admin.root.getByLabel('Message', { exact: true }).inputValue()).toBe('');
    await saveScreenshot(page, 'admin-status');
  }, 90_000);
});
