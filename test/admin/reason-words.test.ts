import { describe, expect, it } from 'vitest';
import { adminTranslator } from '../../cards/admin/admin-card-kit.js';
import { renderOrderAlert } from '../../cards/admin/alert.card.js';
import { describeAlertReason, describeReason } from '../../cards/admin/reason-words.js';
import { defaultOrderMessages } from '../support/default-order-messages.js';
import { sdkIssues } from './support/card-sdk.js';
import { orderView } from './support/order-fixtures.js';

const en = adminTranslator('en');
const hr = adminTranslator('hr');

describe('reasons in words', () => {
  it.each([
    ['customer_org_incorrect', 'the partner said the customer organization details are wrong'],
    ['setup_window_elapsed', 'the setup window closed'],
    [
      'customer_admin_taken: it@kupac.example already belongs to org-7',
      'the customer administrator it@kupac.example already belongs to another Webex organization (org-7)',
    ],
    [
      'partner_org_conflict: domain partner.example already belongs to organization org-3',
      'the partner organization could not be created: the domain partner.example already belongs to organization org-3',
    ],
    [
      'partner_org_conflict: email a@partner.example already belongs to organization org-4',
      'the partner organization could not be created: a@partner.example already belongs to organization org-4',
    ],
    [
      'mapping_refused: partner_not_found',
      'the customer could not be mapped to the partner (partner_not_found)',
    ],
    ['brand_new_code', 'another reason (code brand_new_code)'],
  ])('%s reads as a sentence', (reason, words) => {
    expect(describeReason(en, reason)).toBe(words);
  });

  it('speaks Croatian too, keeping the details', () => {
    expect(describeReason(hr, 'customer_admin_taken: it@kupac.example already belongs to org-7')).toBe(
      'administrator korisnika it@kupac.example već pripada drugoj Webex organizaciji (org-7)',
    );
    expect(describeReason(hr, 'brand_new_code')).toBe('drugi razlog (oznaka brand_new_code)');
  });

  it("gives a failed invitation's Webex answer in the sentence", () => {
    expect(describeAlertReason(en, 'invitation_failed', 'HTTP 404 person not found')).toBe(
      'the invitation could not be delivered (Webex answered: HTTP 404 person not found)',
    );
    expect(describeAlertReason(en, 'completed', null)).toBeNull();
  });
});

describe('alert cards', () => {
  const stuck = orderView({ status: 'needs_attention', statusReason: 'trial_expired' });

  it.each(['en', 'hr'] as const)('a needs-attention alert says why and offers Resolve (%s)', (locale) => {
    const { card, text } = renderOrderAlert(
      { order: stuck, kind: 'needs_attention', reason: 'trial_expired' },
      locale,
    );
    expect(sdkIssues(card)).toEqual([]);
    expect(card.actions?.map((action) => action.data)).toEqual([
      { admin: 'resolve', orderId: 'ORD-1' },
      { admin: 'status', orderId: 'ORD-1' },
    ]);
    expect(text).not.toContain('trial_expired');
    expect(text).toContain(locale === 'en' ? 'the trial this order maps to has expired' : 'probno razdoblje');
  });

  it('offers no Resolve once the order moved on, and the plain default alert is in words too', () => {
    const moved = orderView({ status: 'in_progress' });
    const { card } = renderOrderAlert(
      { order: moved, kind: 'needs_attention', reason: 'trial_expired' },
      'en',
    );
    expect(card.actions?.map((action) => action.data.admin)).toEqual(['status']);
    const plain = defaultOrderMessages.renderAlert(stuck, 'needs_attention', 'customer_org_incorrect').text;
    expect(plain).toContain('Reason: the partner said the customer organization details are wrong.');
    expect(plain).not.toContain('customer_org_incorrect');
  });
});
