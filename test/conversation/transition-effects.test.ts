import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderSetupEvent } from '../../flows/order-setup.events.js';
import { advanceOrderSetup } from '../../flows/order-setup.runtime.js';
import type { OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import { createCardViews } from '../../src/conversation/card-views.js';
import type { Effect } from '../../src/conversation/setup-effects.js';
import { effectsOfTransition } from '../../src/conversation/transition-effects.js';
import type { ConversationViews } from '../../src/conversation/views.js';
import { defaultCountriesPath, loadCountries } from '../../src/directory/countries.js';
import { E, PARTNER_ORG, partnerAt, start } from '../flows/order-setup.helpers.js';

let views: ConversationViews;
beforeAll(async () => {
  views = createCardViews(await loadCountries(defaultCountriesPath()), {
    gettingStartedUrl: 'https://help.example.com/wxcc-start',
  });
});

function effectsOf(before: OrderSetupSnapshot, event: OrderSetupEvent, rev = 5): Effect[] {
  const advanced = advanceOrderSetup(before, event);
  if (advanced.kind !== 'advanced') throw new Error(`${event.type} rejected`);
  return effectsOfTransition(advanced.snapshot, advanced.outcome, rev, 'ana@partner.example', views);
}

const kinds = (effects: Effect[]) =>
  effects.map((effect) => (effect.kind === 'send' ? `send ${effect.key}` : effect.kind));

describe('the effects of a transition', () => {
  it('a step forward: the next card to the owner and the order progress', () => {
    const effects = effectsOf(start(), E.partner);
    expect(kinds(effects)).toEqual(['send setup:CCW-1001:5:step', 'orderProgress']);
    expect(effects[0]).toMatchObject({ target: { toPersonEmail: 'ana@partner.example' } });
    expect(effects[1]).toMatchObject({
      progress: { step: 'whoSetsUp', stepNumber: 2, totalSteps: 7, ownerEmail: 'ana@partner.example' },
    });
  });

  it('a hand-off: notice to the one who handed over, one card (the invitation) to the colleague', () => {
    const before = partnerAt('whoSetsUp');
    const effects = effectsOf(before, {
      type: 'HAND_OFF',
      email: 'ben@partner.example',
      sameDomainRequired: true,
      facts: { partnerOrg: PARTNER_ORG },
    });
    expect(kinds(effects)).toEqual([
      'send setup:CCW-1001:5:handed-off',
      'send setup:CCW-1001:5:handoff-invite',
      'orderReassigned',
      'orderProgress',
    ]);
    const targets = effects.flatMap((e) =>
      e.kind === 'send' && 'toPersonEmail' in e.target ? [e.target.toPersonEmail] : [],
    );
    expect(targets).toEqual(['ana@partner.example', 'ben@partner.example']);
  });

  it('needs attention: the reason to the owner and to the order, no next card', () => {
    const effects = effectsOf(partnerAt('partnerOrg', { partnerOrg: PARTNER_ORG }), {
      type: 'PARTNER_ORG_INCORRECT',
    });
    expect(kinds(effects)).toEqual(['send setup:CCW-1001:5:attention', 'orderNeedsAttention']);
    expect(effects[1]).toMatchObject({ reason: 'partner_org_incorrect' });
  });

  it('completion: the directory first; success, or the refusal, told to owner and contact afterwards', () => {
    const handedOff = start({ ownerEmail: 'ben@partner.example' });
    const review = [E.partner, E.myself, E.createPartnerOrg, E.customerAdmin, E.company, E.newOrg].reduce(
      (snapshot: OrderSetupSnapshot, event) => {
        const next = advanceOrderSetup(snapshot, event);
        if (next.kind !== 'advanced') throw new Error(event.type);
        return next.snapshot;
      },
      handedOff,
    );
    const effects = effectsOf(review, E.confirm, 9);
    expect(kinds(effects)).toEqual(['complete']);
    const [complete] = effects;
    if (complete?.kind !== 'complete') throw new Error('no completion');
    expect(complete.completion).toMatchObject({
      partner: { mode: 'create', name: 'Partner d.o.o.', adminEmail: 'admin@partner.example' },
      customer: { mode: 'new' },
      customerAdminEmail: 'it@kupac.example',
      countryCode: 'HR',
      ownerEmail: 'ben@partner.example',
      contactEmail: 'ana@partner.example',
    });
    expect(complete.notify?.done.map((e) => [e.key, e.target])).toEqual([
      ['setup:CCW-1001:9:success', { toPersonEmail: 'ben@partner.example' }],
      ['setup:CCW-1001:9:success-contact', { toPersonEmail: 'ana@partner.example' }],
    ]);
    expect(complete.notify?.failed.map((e) => e.key)).toEqual([
      'setup:CCW-1001:9:completion-failed',
      'setup:CCW-1001:9:completion-failed-contact',
    ]);
    expect(complete.notify?.failed[0]?.message.text).toContain('The setup could not be finished');
  });
});
