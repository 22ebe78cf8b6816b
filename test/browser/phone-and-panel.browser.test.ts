import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { useTestApp } from '../support/use-test-app.js';
import {
  artifactPath,
  click,
  describeInBrowser,
  openClient,
  PaneDriver,
  saveScreenshot,
  step,
  useBrowser,
  waitForButton,
} from './support/browser.js';
import { createDemoOrder, walkFromCustomerAdmin } from './support/setup-walk.js';
import { storedAnswers } from './support/stored-answers.js';

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

      // The whole conversation, to the end: the composer stays on the screen, below the latest
      // card, without scrolling the page (the pane fits the window under the header).
      await walkFromCustomerAdmin(pane);
      const done = await click(pane, 'Confirm');
      await pane.card(done + 1);
      await expect
        .poll(() => page.locator('.orders-panel [data-field="status"]').textContent(), { timeout: 20_000 })
        .toBe('completed');
      await page.evaluate('window.scrollTo(0, 0)');
      const composer = await pane.root.locator('.composer').boundingBox();
      expect(composer, 'the composer').not.toBeNull();
      expect((composer?.y ?? 0) + (composer?.height ?? 0), 'the bottom of the composer').toBeLessThanOrEqual(
        size.window,
      );
      expect(composer?.y ?? -1).toBeGreaterThanOrEqual(0);
      await saveScreenshot(page, `phone-${width}`, false);

      // The order panel's stored answers: each value in a wide box, not broken every few letters.
      const widths = width === 390 ? [390, 1280] : [width];
      for (const panelWidth of widths) {
        await page.setViewportSize({ width: panelWidth, height: 900 });
        const answers = await storedAnswers(page);
        expect(answers.values.length, 'stored answers shown').toBeGreaterThan(5);
        for (const value of answers.values) {
          expect(value.width, `${value.name} at ${panelWidth} px`).toBeGreaterThan(answers.panelWidth / 2);
          expect(value.charsPerLine, `${value.name} at ${panelWidth} px`).toBeGreaterThanOrEqual(12);
        }
        await page
          .locator('.orders-panel')
          .screenshot({ path: artifactPath(`orders-panel-answers-${panelWidth}`) });
      }
    },
    150_000,
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
