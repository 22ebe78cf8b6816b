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
import { measuredNotices } from './support/measured-notices.js';
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

describeInBrowser(
  'step cards, notices and the status card in both languages, rendered as the local client renders them',
  () => {
    const app = useTestApp();
    const browser = useBrowser();

    it('fit a phone (360 and 390 px wide) in the page: no element of any card cut or past its edge', async () => {
      const cards = SCENARIOS.flatMap(([name, build]) =>
        LOCALES.map((locale) => ({ name: `${name} (${locale})`, card: renderStepCard(build(), locale) })),
      );
      cards.push(
        ...LOCALES.flatMap((locale) =>
          measuredNotices(locale).map(({ name, card }) => ({ name: `${name} (${locale})`, card })),
        ),
      );
      for (const width of [360, 390]) {
        const page = await openClient(browser(), app.url, width);
        // The page's own renderer, into the first pane's message list, as a conversation shows them.
        await page.evaluate(`(async () => {
        const { renderCard } = await import('/card-host.js');
        const list = document.querySelector('[data-pane="0"] .messages');
        list.replaceChildren();
        for (const { name, card } of ${JSON.stringify(cards)}) {
          const item = document.createElement('li');
          item.className = 'message has-card';
          const box = document.createElement('div');
          box.className = 'card';
          box.dataset.name = name;
          box.append(renderCard(card, () => {}));
          item.append(box);
          list.append(item);
        }
      })()`);
        const rendered = page.locator('[data-pane="0"] .messages .card');
        expect(await rendered.count()).toBe(cards.length);
        const found = (await cardOverflows(rendered, null)).map((o) => ({
          ...o,
          card: cards[o.card - 1]?.name,
        }));
        expect(found, `at ${width} px`).toEqual([]);
        const sideways = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        expect(sideways, `the page scrolls sideways at ${width} px`).toBe(0);
        await page.context().close();
      }
    }, 90_000);
  },
);
