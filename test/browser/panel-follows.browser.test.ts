import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { useTestApp } from '../support/use-test-app.js';
import { describeInBrowser, openClient, PaneDriver, useBrowser, waitForButton } from './support/browser.js';
import { createDemoOrder } from './support/setup-walk.js';

/** The page's own reading of the order every so often, slowed so far that it never comes. */
const NO_POLL = '?orderPollMs=600000';

describeInBrowser('the orders panel follows the conversation', () => {
  const app = useTestApp();
  const browser = useBrowser();
  const pages: Page[] = [];
  afterAll(async () => {
    for (const page of pages) await page.context().close();
  });

  it('shows "invited" within moments of the invitation card, even when the read at the message finds the order unrecorded', async () => {
    const page = await openClient(browser(), `${app.url}${NO_POLL}`, 1280);
    pages.push(page);
    // The bot records the delivery a moment after the message is visible, so the read the message
    // triggers can find the order still scheduled. That race is made certain here: the first
    // read that would show the order invited is answered with the order as it was just before.
    let before: string | undefined;
    let raced = false;
    await page.route(/\/api\/orders\/DEMO-[^/?]+$/, async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      const status = (JSON.parse(body) as { status?: string }).status;
      if (status === 'scheduled') before = body;
      else if (!raced && before !== undefined) {
        raced = true;
        await route.fulfill({ response, body: before });
        return;
      }
      await route.fulfill({ response, body });
    });
    const pane = new PaneDriver(page, 0);
    await pane.pick('follow@partner.example');
    await createDemoOrder(page, 'follow@partner.example');
    const status = page.locator('.orders-panel [data-field="status"]');
    await expect.poll(() => status.textContent()).toBe('scheduled');
    await waitForButton(pane, 'Set up now');
    await expect.poll(() => status.textContent(), { timeout: 3_000 }).toBe('invited');
    expect(raced, 'the read at the message was answered as before the delivery').toBe(true);
  }, 60_000);
});
