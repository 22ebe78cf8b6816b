import type { Locator, Page } from 'playwright-core';
import { type PaneDriver, step } from './browser.js';

/** Creates a demo order from the orders panel for `contact`; returns its id. */
export async function createDemoOrder(page: Page, contact: string): Promise<string> {
  await page.getByLabel('Provisioning contact').fill(contact);
  await page.getByRole('button', { name: 'Create demo order due now' }).click();
  const created = page.locator('.orders-panel .panel-message', { hasText: 'created' });
  await created.waitFor();
  const orderId = /Order (\S+) created/.exec((await created.textContent()) ?? '')?.[1];
  if (orderId === undefined) throw new Error('no order id shown');
  return orderId;
}

/** Fills the card's field labelled `label` with `value` (for `step`'s `fill`). */
export const fillIn = (label: string, value: string) => async (card: Locator) => {
  await card.getByLabel(label).fill(value);
};

/** The company typed on step 5: long, to see how it wraps. */
export const LONG_COMPANY = 'Novi Kupac d.o.o. with a rather long registered company name';

/**
 * From the customer administrator's card (step 4) to the review card, as a partner who sets up
 * with the demo partner org: an email typed, the company and country, a new organization.
 */
export async function walkFromCustomerAdmin(pane: PaneDriver): Promise<Locator> {
  await step(
    pane,
    'Next',
    'Next',
    fillIn('Customer administrator email address', 'it.admin@novikupac.example'),
  );
  await step(pane, 'Next', 'Next', async (card) => {
    await card.getByLabel('Company name').fill(LONG_COMPANY);
    await card.getByLabel('Country of operation').selectOption('HR');
  });
  return step(pane, 'Next', 'Confirm', async (card) => {
    await card.getByLabel('New organization').check();
  });
}

/** From the invitation to the review card, as a partner who sets up with the demo partner org. */
export async function walkToReview(pane: PaneDriver): Promise<Locator> {
  await step(pane, 'Set up now', 'I am a partner');
  await step(pane, 'I am a partner', 'Yes, I will set up');
  await step(pane, 'Yes, I will set up', 'Correct');
  await step(pane, 'Correct', 'Next');
  return walkFromCustomerAdmin(pane);
}
