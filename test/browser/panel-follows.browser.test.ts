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
    // triggers can find the order still scheduled. That race is made certain here: until the
    // invitation card is on the page, and for the first read after it is, the order is answered
    // as it was before the delivery (the invitation can go out before the page's first read).
    let raced = false;
    const invitation = page.getByRole('button', { name: 'Set up now' });
    await page.route(/\/api\/orders\/DEMO-[^/?]+$/, async (route) => {
      const response = await route.fetch();
      const order = (await response.json()) as { status?: string };
      if (!raced && order.status !== 'scheduled') {
        raced = (await invitation.count()) > 0;
        await route.fulfill({ response, json: { ...order, status: 'scheduled' } });
        return;
      }
      await route.fulfill({ response });
    });
    const pane = new PaneDriver(page, 0);
    await pane.pick('follow@partner.example');
    await createDemoOrder(page, 'follow@partner.example');
    const status = page.locator('.orders-panel [data-field="status"]');
    await waitForButton(pane, 'Set up now');
    await expect.poll(() => raced, { timeout: 5_000 }).toBe(true);
    await expect.poll(() => status.textContent(), { timeout: 3_000 }).toBe('invited');
    expect(raced, 'the read at the message was answered as before the delivery').toBe(true);
  }, 60_000);
});
