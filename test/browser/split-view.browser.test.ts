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
import { createDemoOrder, fillIn } from './support/setup-walk.js';

/** What the watch reads of the message list (the tests' TypeScript has no DOM types). */
interface ScrollList {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  addEventListener(type: 'scroll', listener: () => void): void;
}

/**
 * Watches a message list from now on: on every scroll and every frame it notes how far above
 * its bottom the list is; `farthest()` reads the largest distance seen.
 */
async function watchBottom(page: Page, pane: PaneDriver) {
  await pane.root.locator('.messages').evaluate((list: ScrollList) => {
    const state = { farthest: 0 };
    const note = () => {
      state.farthest = Math.max(state.farthest, list.scrollHeight - list.clientHeight - list.scrollTop);
    };
    list.addEventListener('scroll', note);
    const { requestAnimationFrame: nextFrame } = globalThis as unknown as {
      requestAnimationFrame(callback: () => void): number;
    };
    const frame = () => {
      note();
      nextFrame(frame);
    };
    nextFrame(frame);
    (globalThis as unknown as { bottomWatch: typeof state }).bottomWatch = state;
  });
  return {
    farthest: () => page.evaluate('globalThis.bottomWatch.farthest') as Promise<number>,
  };
}

describeInBrowser('split view: two people side by side', () => {
  const app = useTestApp();
  const browser = useBrowser();
  const pages: Page[] = [];
  afterAll(async () => {
    for (const page of pages) await page.context().close();
  });

  it.each([1280, 390])(
    'at %i px, keeps a long history at its bottom, and the focus, in one pane while the other types, clicks and gets answers',
    async (width) => {
      const page = await openClient(browser(), app.url, width);
      pages.push(page);
      await page.getByRole('button', { name: 'Split view' }).click();
      const kim = new PaneDriver(page, 0);
      const sam = new PaneDriver(page, 1);
      await kim.pick(`kim.split${width}@partner.example`);
      await sam.pick(`sam.split${width}@partner.example`);
      // A history much taller than the pane: the help card, asked for again and again.
      for (let i = 1; i <= 8; i += 1) {
        await sam.say('help');
        await sam.card(i);
      }
      const list = sam.root.locator('.messages');
      const sizes = await list.evaluate((e: ScrollList) => ({
        scrollHeight: e.scrollHeight,
        clientHeight: e.clientHeight,
        scrollTop: e.scrollTop,
      }));
      expect(sizes.scrollHeight, 'a history taller than the pane').toBeGreaterThan(2 * sizes.clientHeight);
      expect(sizes.scrollHeight - sizes.clientHeight - sizes.scrollTop).toBeLessThanOrEqual(2);
      const watch = await watchBottom(page, sam);

      // Meanwhile, in the other pane: an order, its cards clicked, text typed key by key and sent.
      await createDemoOrder(page, `kim.split${width}@partner.example`);
      await step(kim, 'Set up now', 'I am a partner');
      await step(kim, 'I am a partner', 'Yes, I will set up');
      const box = kim.root.getByLabel('Message', { exact: true });
      await box.click();
      await box.pressSequentially('status', { delay: 20 });
      const before = await kim.root.locator('.message').count();
      await box.press('Enter');
      await expect
        .poll(() => kim.root.locator('.message').count(), { timeout: 15_000 })
        .toBeGreaterThan(before + 1);
      await step(
        kim,
        'Another person in my company will set up',
        'Yes, I will set up',
        fillIn('Email address of the person who will set up the services', 'not an email'),
      );
      await waitForButton(kim, 'Yes, I will set up');
      expect(await watch.farthest(), 'the other pane left the bottom of its history').toBeLessThanOrEqual(2);

      // A click in the first pane, then typing in the second while the answer arrives: the new
      // card must not take the focus from the other pane's composer (the rest went astray).
      const samBox = sam.root.getByLabel('Message', { exact: true });
      const cards = await kim.cards().count();
      await kim.cards().last().getByRole('button', { name: 'Yes, I will set up', exact: true }).click();
      await samBox.click();
      let typed = '';
      const type = async (text: string) => {
        await samBox.pressSequentially(text);
        typed += text;
      };
      const deadline = Date.now() + 20_000;
      while ((await kim.cards().count()) === cards) {
        if (Date.now() > deadline) throw new Error('the answer to the click did not arrive');
        await type('x');
      }
      await type(' and more after the answer came');
      expect(await samBox.inputValue()).toBe(typed);
      expect(await watch.farthest(), 'the other pane left the bottom of its history').toBeLessThanOrEqual(2);
      await saveScreenshot(page, `split-view-long-history-${width}`, false);
    },
    90_000,
  );
});
