import { expect, it } from 'vitest';
import { renderStepCard } from '../../cards/step.card.js';
import { buildStepCardModel, type StepCardModel } from '../../cards/step-card.model.js';
import type { FieldErrors } from '../../flows/order-setup.errors.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import type { OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import { TEST_COUNTRIES } from '../cards/card-checks.js';
import { E, PARTNER_ORG, partnerAt, start, TRIAL, walk } from '../flows/order-setup.helpers.js';
import { useTestApp } from '../support/use-test-app.js';
import { describeInBrowser, openClient, useBrowser } from './support/browser.js';
import { cardOverflows } from './support/overflow.js';

function model(snapshot: OrderSetupSnapshot, errors: FieldErrors = {}, values: Record<string, string> = {}) {
  const built = buildStepCardModel(snapshot, { rev: 3, countries: TEST_COUNTRIES, errors, values });
  if (built === null) throw new Error('the conversation has ended');
  return built;
}

/** Every step card, with the longest texts each can carry (errors, trials, both roles). */
const SCENARIOS: Array<[string, () => StepCardModel]> = [
  ['role', () => model(start())],
  ['whoSetsUp', () => model(partnerAt('whoSetsUp'))],
  [
    'whoSetsUp with an error',
    () =>
      model(
        partnerAt('whoSetsUp'),
        { handoffEmail: 'error.handoffOtherDomain' },
        { handoffEmail: 'someone.with.a.long.name@another-company.example' },
      ),
  ],
  ['partnerOrg review', () => model(partnerAt('partnerOrg', { partnerOrg: PARTNER_ORG }))],
  ['partnerOrg create', () => model(partnerAt('partnerOrg'))],
  ['customerAdmin with a trial', () => model(partnerAt('customerAdmin', { trial: TRIAL }))],
  ['company', () => model(partnerAt('company'))],
  ['customerOrg', () => model(partnerAt('customerOrg'))],
  ['review (partner)', () => model(partnerAt('review'))],
  [
    'review (customer)',
    () => model(walk(start(), [E.customer, E.myself, E.customerAdmin, E.company, E.newOrg])),
  ],
];
const LOCALES: Locale[] = ['en', 'hr'];

describeInBrowser('step cards in both languages, rendered as the local client renders them', () => {
  const app = useTestApp();
  const browser = useBrowser();

  it('fit at 360 and 480 px: no action row, button title or text wider than the card', async () => {
    const page = await openClient(browser(), app.url);
    const cards = SCENARIOS.flatMap(([name, build]) =>
      LOCALES.map((locale) => ({ name: `${name} (${locale})`, card: renderStepCard(build(), locale) })),
    );
    // The page's own renderer (host config, schema 1.3), on a blank page.
    await page.evaluate(`(async () => {
      const { renderCard } = await import('/card-host.js');
      document.body.replaceChildren();
      for (const { name, card } of ${JSON.stringify(cards)}) {
        const box = document.createElement('div');
        box.className = 'card';
        box.dataset.name = name;
        box.append(renderCard(card, () => {}));
        document.body.append(box);
      }
    })()`);
    const rendered = page.locator('body > .card');
    expect(await rendered.count()).toBe(cards.length);
    for (const width of [360, 480]) {
      const found = (await cardOverflows(rendered, width)).map((o) => ({
        ...o,
        card: cards[o.card - 1]?.name,
      }));
      expect(found, `at ${width} px`).toEqual([]);
    }
    await page.context().close();
  }, 60_000);
});
