import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { useTestApp } from '../support/use-test-app.js';
import {
  describeInBrowser,
  openClient,
  PaneDriver,
  saveScreenshot,
  step,
  useBrowser,
  waitForButton,
} from './support/browser.js';

/** Creates a demo order from the orders panel; returns its id. */
async function createDemoOrder(page: Page, contact: string): Promise<string> {
  await page.getByLabel('Provisioning contact').fill(contact);
  await page.getByRole('button', { name: 'Create demo order due now' }).click();
  const created = page.locator('.orders-panel .panel-message', { hasText: 'created' });
  await created.waitFor();
  const orderId = /Order (\S+) created/.exec((await created.textContent()) ?? '')?.[1];
  if (orderId === undefined) throw new Error('no order id shown');
  return orderId;
}

/** How far the page scrolls sideways, and how tall it is beside the window. */
const pageSize = (page: Page) =>
  page.evaluate(`({
    sideways: document.documentElement.scrollWidth - window.innerWidth,
    height: document.documentElement.scrollHeight,
    window: window.innerHeight,
    scrollY: window.scrollY,
  })`) as Promise<{ sideways: number; height: number; window: number; scrollY: number }>;

describeInBrowser('the local client on a phone, and its orders panel', () => {
  const app = useTestApp();
  const browser = useBrowser();
  const pages: Page[] = [];
  afterAll(async () => {
    for (const page of pages) await page.context().close();
  });
  const open = async (width: number) => {
    const page = await openClient(browser(), app.url, width);
    pages.push(page);
    return page;
  };

  it.each([360, 390])(
    'at %i px: no sideways scroll, the list scrolls itself, the header stays',
    async (width) => {
      const page = await open(width);
      const pane = new PaneDriver(page, 0);
      const email = `phone${width}@partner.example`;
      await pane.pick(email);
      await createDemoOrder(page, email);
      await step(pane, 'Set up now', 'I am a partner');
      await step(pane, 'I am a partner', 'Yes, I will set up');
      const correct = await step(pane, 'Yes, I will set up', 'Correct');
      // Clicked from the page's top without the test's own scrolling: the administrator's email
      // field of the next card takes the focus, and the page itself does not move.
      await page.evaluate('window.scrollTo(0, 0)');
      const before = await pane.cards().count();
      await correct.getByRole('button', { name: 'Correct', exact: true }).dispatchEvent('click');
      await pane.card(before + 1);
      await expect.poll(() => page.evaluate('document.activeElement?.tagName')).toBe('INPUT');
      const size = await pageSize(page);
      expect(size.sideways, 'sideways scroll').toBe(0);
      expect(size.scrollY, 'the page scrolled when a card took the focus').toBe(0);
      // The pane keeps the screen's height; its list scrolls itself, to the newest card.
      const box = (await pane.root.boundingBox()) ?? { height: Number.POSITIVE_INFINITY };
      expect(box.height).toBeLessThanOrEqual(size.window);
      type Scroller = { scrollHeight: number; clientHeight: number; scrollTop: number };
      const list = await pane.root.locator('.messages').evaluate((e: Scroller) => ({
        scrollHeight: e.scrollHeight,
        clientHeight: e.clientHeight,
        scrollTop: e.scrollTop,
      }));
      expect(list.scrollHeight).toBeGreaterThan(list.clientHeight);
      expect(list.scrollTop + list.clientHeight).toBeGreaterThanOrEqual(list.scrollHeight - 2);
      // The bot's messages carry its name and an avatar.
      const sender = pane.root.locator('.message.from-bot .sender').first();
      expect(await sender.textContent()).toMatch(/Order setup/i);
      expect(await sender.locator('.avatar').count()).toBe(1);
      await saveScreenshot(page, `phone-${width}`, false);
    },
    90_000,
  );

  it('keeps the shown order on reload, offers a list, shows local times and a failed invitation truthfully', async () => {
    const page = await open(1280);
    const pane = new PaneDriver(page, 0);
    await pane.pick('panel@partner.example');
    const orderId = await createDemoOrder(page, 'panel@partner.example');
    const panel = page.locator('.orders-panel');
    // The panel follows the conversation on its own: "invited" once the invitation is seen, with
    // no reload (how fast is the bench's business, not this test's).
    await waitForButton(pane, 'Set up now');
    await expect
      .poll(() => panel.locator('[data-field="status"]').textContent(), { timeout: 15_000 })
      .toBe('invited');
    await expect.poll(() => panel.locator('.order-state').textContent()).toContain('Invitation sent');
    // Times are local times; the ISO value is kept for machines, not shown.
    expect(await panel.locator('.order time').count()).toBeGreaterThan(0);
    expect(await panel.locator('.order-view').textContent()).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    await expect
      .poll(() => panel.getByLabel('Recent orders').locator(`option[value="${orderId}"]`).count())
      .toBe(1);

    await page.reload();
    await expect.poll(() => panel.locator('h3').textContent()).toBe(`Order ${orderId}`);

    // Nobody on Webex has this address: the invitation fails, and the panel says so.
    const failed = await createDemoOrder(page, 'nobody.here@partner.example');
    await expect.poll(() => panel.locator('h3').textContent()).toBe(`Order ${failed}`);
    await expect.poll(() => panel.locator('.order-state.problem').count(), { timeout: 20_000 }).toBe(1);
    expect(await panel.locator('.order-state').textContent()).toContain('Needs attention');
    expect(await panel.textContent()).not.toContain('arrives within a few seconds');
    await panel.getByLabel('Recent orders').selectOption(orderId);
    await expect.poll(() => panel.locator('h3').textContent()).toBe(`Order ${orderId}`);
    for (const width of [1280, 480, 390, 360]) {
      await page.setViewportSize({ width, height: 900 });
      expect((await pageSize(page)).sideways, `sideways at ${width} px`).toBe(0);
      await saveScreenshot(page, `orders-panel-${width}`);
    }
  }, 90_000);
});
