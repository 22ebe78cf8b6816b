import { AdaptiveCard, SerializationContext, Versions } from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseCardAction } from '../../flows/card-action.schema.js';
import type { OrderView } from '../../src/orders/order-view.js';
import { defaultOrderMessages } from '../support/default-order-messages.js';

const order: OrderView = {
  orderId: 'ORD-42',
  requestedStartDate: '2025-06-01',
  provisioningContactEmail: 'contact@partner.example',
  partnerName: 'Partner d.o.o.',
  customerName: 'Acme',
  offer: 'a-flex',
  setupWindowDays: 7,
  trialOrgId: null,
  locale: 'en',
  timeZone: 'Europe/Zagreb',
  status: 'scheduled',
  statusReason: null,
  contactVersion: 0,
  dueAt: '2025-05-31T22:00:00.000Z',
  deadlineAt: '2025-06-07T22:00:00.000Z',
  invitedAt: null,
  setup: null,
  history: [],
  createdAt: '2025-05-01T00:00:00.000Z',
  updatedAt: '2025-05-01T00:00:00.000Z',
  lastActivityAt: '2025-05-01T00:00:00.000Z',
};

/** Problems the Adaptive Cards SDK finds when parsing as schema 1.3, which Webex renders. */
function sdkProblems(json: unknown): string[] {
  const card = new AdaptiveCard();
  const context = new SerializationContext(Versions.v1_3);
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

describe('default order messages', () => {
  it.each(['en', 'hr'] as const)(
    'invite with a valid 1.3 card whose button starts the setup (%s)',
    (locale) => {
      const message = defaultOrderMessages.renderInvitation({ ...order, locale });
      expect(message.text).toContain('ORD-42');
      expect(message.text).toMatch(/7\.? (June|lipnja) 2025/);
      expect(sdkProblems(message.card)).toEqual([]);
      expect(message.card?.actions).toEqual([
        {
          type: 'Action.Submit',
          title: locale === 'en' ? 'Set up now' : 'Postavi sada',
          data: { orderId: 'ORD-42', step: 'invite', rev: 0, action: 'start' },
        },
      ]);
      // The conversation must recognise the button, or the invitation leads nowhere.
      const data = z.array(z.object({ data: z.unknown() })).parse(message.card?.actions)[0]?.data;
      expect(parseCardAction(data).ok).toBe(true);
    },
  );

  it('words the two reminders differently and alerts name the order, contact and reason', () => {
    const early = defaultOrderMessages.renderReminder(order, 'after_invite').text;
    const late = defaultOrderMessages.renderReminder(order, 'before_deadline').text;
    expect(early).not.toBe(late);
    const alert = defaultOrderMessages.renderAlert(order, 'invitation_failed', 'HTTP 404');
    expect(alert.text).toContain('ORD-42');
    expect(alert.text).toContain('contact@partner.example');
    expect(alert.text).toContain('HTTP 404');
  });

  it('says a reason code as a sentence and keeps its detail, the address in full', () => {
    const alert = defaultOrderMessages.renderAlert(
      order,
      'invitation_failed',
      'contact_not_on_webex: contact@partner.example',
    );
    expect(alert.text).toContain('Reason: the contact has no Webex account (contact@partner.example).');
    expect(alert.markdown).toContain('the contact has no Webex account');
  });
});
