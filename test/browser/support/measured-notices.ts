import type { AdaptiveCard } from '../../../cards/adaptive-card.types.js';
import { renderOrderStatus } from '../../../cards/admin/order-status.card.js';
import { renderCardMessage } from '../../../cards/card-messages.js';
import { buildSuccessModel } from '../../../cards/notices/success.card.js';
import type { Locale } from '../../../flows/order-setup.schemas.js';
import type { SetupAnswers } from '../../../src/setups/setup-answers.js';
import { hour, orderAtStep } from '../../admin/support/order-fixtures.js';
import { TEST_COUNTRIES } from '../../cards/card-checks.js';
import { E, partnerAt, start, step, walk } from '../../flows/order-setup.helpers.js';

/** Long names, as real orders carry them, so that the measurement meets the widest text. */
const LONG = {
  partnerName: 'Northwind Collaboration Partners d.o.o.',
  customerName: 'Contoso Retail Adriatic d.o.o.',
};
const GUIDE = 'https://help.example.com/wxcc-getting-started-with-webex-contact-center';
const uuid = '3f2b8c1e-9d4a-4b6e-8f7a-1c2d3e4f5a6b';
/** A Webex organization id as the API gives it: long base64 without a break. */
const WEBEX_ORG_ID = btoa(`ciscospark://us/ORGANIZATION/${uuid}`).replace(/=+$/, '');
const ANSWERS: SetupAnswers = {
  role: 'partner',
  whoSetsUp: 'colleague',
  partnerOrg: {
    mode: 'create',
    name: LONG.partnerName,
    adminEmail: 'collaboration.administrator@northwind-partners.example',
  },
  customerAdminEmail: 'it.administrator.with.a.long.name@contoso-retail-adriatic.example',
  company: 'Contoso Retail Adriatic d.o.o. with a rather long registered company name',
  countryCode: 'HR',
  region: 'eu',
  customerOrg: { mode: 'existing', orgId: WEBEX_ORG_ID, name: LONG.customerName },
};

/**
 * The notices a person meets beside the step cards (invitation, hand-off, Save and exit, resume,
 * reminder, success as partner and as customer) and the administrators' status card, in
 * `locale`, with long names: what the card-width test measures at phone widths.
 */
export function measuredNotices(locale: Locale): Array<{ name: string; card: AdaptiveCard }> {
  const partnerDone = step(partnerAt('review'), E.confirm);
  const customerDone = walk(start(), [E.customer, E.myself, E.customerAdmin, E.company, E.newOrg, E.confirm]);
  const specs = {
    invitation: {
      kind: 'invitation',
      model: { orderId: 'SUB-1001', ...LONG, requestedStartDate: '2026-12-01', deadline: '2026-12-31' },
    },
    'hand-off invitation': {
      kind: 'handoffInvite',
      model: {
        orderId: 'SUB-1001',
        fromEmail: 'someone.with.a.long.name@partner.example',
        ...LONG,
        deadline: null,
      },
    },
    'hand-off notice': {
      kind: 'handoffNotice',
      model: { orderId: 'SUB-1001', toEmail: 'someone.with.a.long.name@partner.example' },
    },
    'saved and exited': {
      kind: 'savedAndExited',
      model: { orderId: 'SUB-1001', draftKept: true, deadline: '2026-12-31' },
    },
    resume: {
      kind: 'resumePrompt',
      model: { orderId: 'SUB-1001', rev: 4, view: 'company', step: 'company', n: 5, total: 7 },
    },
    reminder: {
      kind: 'reminder',
      model: {
        orderId: 'SUB-1001',
        customerName: LONG.customerName,
        deadline: '2026-12-31',
        progress: { n: 5, total: 7 },
      },
    },
    'success (partner)': {
      kind: 'success',
      model: buildSuccessModel(partnerDone.context, TEST_COUNTRIES, GUIDE),
    },
    'success (customer)': {
      kind: 'success',
      model: buildSuccessModel(customerDone.context, TEST_COUNTRIES, GUIDE),
    },
  } as const;
  const notices = Object.entries(specs).map(([name, spec]) => ({
    name,
    card: renderCardMessage(spec, locale).card,
  }));
  // In progress (Remind, Reassign, Refresh) and needing attention (Resolve too: the most buttons).
  const statuses = (['in_progress', 'needs_attention'] as const).map((status) => {
    const { card } = renderOrderStatus(
      {
        order: { ...orderAtStep('SUB-1001', 'customerOrg', 6, status), ...LONG },
        audience: 'admin',
        now: new Date(hour(30)),
        answers: ANSWERS,
        countries: TEST_COUNTRIES,
      },
      locale,
    );
    // The administrators' card has its own action type; the page renders it all the same.
    return { name: `administrators' status (${status})`, card: card as unknown as AdaptiveCard };
  });
  return [...notices, ...statuses];
}
