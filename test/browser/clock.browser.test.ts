import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { useTestApp } from '../support/use-test-app.js';
import {
  describeInBrowser,
  openClient,
  PaneDriver,
  saveScreenshot,
  useBrowser,
  waitForButton,
} from './support/browser.js';

const REMINDER = 'Reminder: an order is waiting to be set up';

/** Moves local mode's clock forward from the page's control, and waits until it says so. */
async function moveClock(page: Page, days: number): Promise<void> {
  const shown = page.locator('.clock-now');
  const before = await shown.textContent();
  await page.getByLabel('Move forward by days').fill(String(days));
  await page.getByRole('button', { name: 'Move forward' }).click();
  await expect.poll(() => shown.textContent()).not.toBe(before);
}

describeInBrowser("local mode's clock, moved from the page", () => {
  const app = useTestApp();
  const browser = useBrowser();
  const pages: Page[] = [];
  afterAll(async () => {
    for (const page of pages) await page.context().close();
  });

  it('shows the reminder after the invitation, the last reminder and the order closing at its deadline', async () => {
    const page = await openClient(browser(), app.url);
    pages.push(page);
    const pat = new PaneDriver(page, 0);
    await pat.pick('clock@partner.example');
    await page.getByLabel('Provisioning contact').fill('clock@partner.example');
    await page.getByRole('button', { name: 'Create demo order due now' }).click();
    await waitForButton(pat, 'Set up now');
    const reminders = pat.cards().filter({ hasText: REMINDER });
    expect(await reminders.count()).toBe(0);
    const status = page.locator('.orders-panel [data-field="status"]');
    await expect.poll(() => status.textContent()).toBe('invited');

    // Two days after the invitation: the first reminder.
    await moveClock(page, 2);
    await expect.poll(() => reminders.count(), { timeout: 20_000 }).toBe(1);
    // A day before the deadline (30 days from the start date): the last reminder.
    await moveClock(page, 27);
    await expect.poll(() => reminders.count(), { timeout: 20_000 }).toBe(2);
    expect(await reminders.last().textContent()).toMatch(/finish by/i);
    // Past the deadline: the order closes.
    await moveClock(page, 1);
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe('expired');
    expect(await page.locator('.clock-now').textContent()).toContain('(+30 d)');
    await saveScreenshot(page, 'clock-order-expired');
  }, 90_000);
});
