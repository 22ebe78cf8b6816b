import { describe, expect, it } from 'vitest';
import type { OrderSetupEvent } from '../../flows/order-setup.events.js';
import { ORDER_SETUP_ID, ORDER_SETUP_VERSION, orderSetupMachine } from '../../flows/order-setup.machine.js';
import { advanceOrderSetup } from '../../flows/order-setup.runtime.js';
import type { CustomerFacts, Membership } from '../../flows/order-setup.schemas.js';
import { describePosition, isSetupEnded } from '../../flows/order-setup.steps.js';
import {
  E,
  expectRejected,
  NO_CUSTOMER_FACTS,
  ORDER,
  PARTNER_ORG,
  partnerAt,
  start,
  step,
  TRIAL,
  walk,
} from './order-setup.helpers.js';

describe('order-setup machine: identity', () => {
  it('has a stable id and version', () => {
    expect(orderSetupMachine.id).toBe(ORDER_SETUP_ID);
    expect(ORDER_SETUP_ID).toBe('order-setup');
    expect(ORDER_SETUP_VERSION).toBe(1);
  });

  it('starts at the role step with the order facts and no answers', () => {
    const s = start();
    expect(s.value).toBe('role');
    expect(s.context).toMatchObject({
      orderId: 'CCW-1001',
      ownerEmail: ORDER.ownerEmail,
      previousOwners: [],
    });
    expect(s.context.answers.role).toBeNull();
    expect(describePosition(s)).toEqual({ kind: 'step', step: 'role', view: 'role', n: 1, total: 7 });
  });
});

describe('step 1: role', () => {
  it.each([
    ['partner', 7],
    ['customer', 6],
  ] as const)('%s goes to whoSetsUp with %i steps in all', (role, total) => {
    const s = step(start(), { type: 'CHOOSE_ROLE', role });
    expect(s.value).toBe('whoSetsUp');
    expect(s.context.answers.role).toBe(role);
    expect(describePosition(s)).toMatchObject({ n: 2, total });
  });

  it('refuses a forged role, Back, and events of other steps', () => {
    const s = start();
    expectRejected(s, JSON.parse('{"type":"CHOOSE_ROLE","role":"admin"}'));
    expectRejected(s, E.back);
    expectRejected(s, E.company);
  });
});

describe('step 2: who sets up', () => {
  it('"I will set up" leads a partner to partnerOrg and a customer to customerAdmin', () => {
    expect(walk(start(), [E.partner, E.myself]).value).toBe('partnerOrg');
    const customer = walk(start(), [E.customer, E.myself]);
    expect(customer.value).toBe('customerAdmin');
    expect(describePosition(customer)).toMatchObject({ n: 3, total: 6 });
  });

  const handOff = (
    email: string,
    sameDomainRequired = true,
    partnerOrg: typeof PARTNER_ORG | null = PARTNER_ORG,
  ) => ({ type: 'HAND_OFF', email, sameDomainRequired, facts: { partnerOrg } }) satisfies OrderSetupEvent;

  it('hands off: new owner, previous owner recorded, partner org of the colleague, next step', () => {
    const before = partnerAt('whoSetsUp');
    const result = advanceOrderSetup(before, handOff(' Marko@Partner.example '));
    expect(result.kind).toBe('advanced');
    if (result.kind !== 'advanced') return;
    expect(result.outcome).toEqual({
      kind: 'handedOff',
      from: 'ana@partner.example',
      to: 'marko@partner.example',
    });
    expect(result.snapshot.value).toBe('partnerOrg');
    expect(result.snapshot.context).toMatchObject({
      ownerEmail: 'marko@partner.example',
      previousOwners: ['ana@partner.example'],
      partnerOrgFound: PARTNER_ORG,
      answers: { whoSetsUp: 'colleague' },
    });
  });

  it('a customer hand-off goes to customerAdmin and keeps the partner org facts', () => {
    const s = step(walk(start(), [E.customer]), handOff('marko@partner.example', true, null));
    expect(s.value).toBe('customerAdmin');
    expect(s.context.partnerOrgFound).toBeNull();
  });

  it.each([
    ['the owner themself', handOff('ana@partner.example')],
    ['another domain when same-domain is on', handOff('marko@other.example')],
    ['an invalid email', handOff('not-an-email')],
  ])('refuses a hand-off to %s', (_, event) => {
    expectRejected(partnerAt('whoSetsUp'), event);
  });

  it('accepts another domain when same-domain is off', () => {
    expect(step(partnerAt('whoSetsUp'), handOff('marko@other.example', false)).context.ownerEmail).toBe(
      'marko@other.example',
    );
  });

  it('Back returns to role', () => {
    expect(step(partnerAt('whoSetsUp'), E.back).value).toBe('role');
  });
});

describe('step 3: partner organization', () => {
  const withFound = () => partnerAt('partnerOrg', { partnerOrg: PARTNER_ORG });

  it('Correct keeps the organization found and goes on', () => {
    const s = step(withFound(), E.partnerOrgCorrect);
    expect(s.value).toBe('customerAdmin');
    expect(s.context.answers.partnerOrg).toEqual({ mode: 'existing', ...PARTNER_ORG });
  });

  it('Not correct ends in needsAttention partner_org_incorrect', () => {
    const result = advanceOrderSetup(withFound(), { type: 'PARTNER_ORG_INCORRECT' });
    expect(result).toMatchObject({
      kind: 'advanced',
      outcome: { kind: 'needsAttention', reason: 'partner_org_incorrect' },
    });
    if (result.kind !== 'advanced') return;
    expect(isSetupEnded(result.snapshot)).toBe(true);
    expect(advanceOrderSetup(result.snapshot, { type: 'RESTART' })).toEqual({ kind: 'rejected' });
    expect(describePosition(result.snapshot)).toEqual({
      kind: 'needsAttention',
      reason: 'partner_org_incorrect',
    });
  });

  it('creating is refused when an organization was found, and reviewing when none was', () => {
    expectRejected(withFound(), E.createPartnerOrg);
    expectRejected(partnerAt('partnerOrg'), E.partnerOrgCorrect);
    expectRejected(partnerAt('partnerOrg'), { type: 'PARTNER_ORG_INCORRECT' });
  });

  it('creates the partner organization on a first order', () => {
    const s = step(partnerAt('partnerOrg'), E.createPartnerOrg);
    expect(s.value).toBe('customerAdmin');
    expect(s.context.answers.partnerOrg).toEqual({
      mode: 'create',
      adminEmail: 'admin@partner.example',
      companyName: 'Partner d.o.o.',
    });
  });

  it('refuses an administrator who already belongs to an organization', () => {
    const belongsTo = { orgId: 'o9', name: 'Other', kind: 'customer' as const };
    expectRejected(partnerAt('partnerOrg'), { ...E.createPartnerOrg, facts: { belongsTo } });
  });

  it('Back returns to whoSetsUp', () => {
    expect(step(partnerAt('partnerOrg'), E.back).value).toBe('whoSetsUp');
  });
});

describe('step 4: customer administrator', () => {
  const submit = (email: string, facts: CustomerFacts): OrderSetupEvent => ({
    type: 'SUBMIT_CUSTOMER_ADMIN',
    email,
    facts,
  });
  const customerOrg: Membership = { orgId: 'org-c', name: 'Kupac', kind: 'customer' };
  const partnerOrg: Membership = { ...customerOrg, kind: 'partner' };
  const trialOrg: Membership = { orgId: TRIAL.orgId, name: TRIAL.name, kind: 'customer' };

  it.each<[string, string, CustomerFacts]>([
    ['a free address', 'it@kupac.example', NO_CUSTOMER_FACTS],
    ['an address in a customer organization', 'it@kupac.example', { belongsTo: customerOrg, trial: null }],
    ['the trial administrator', TRIAL.adminEmail, { belongsTo: trialOrg, trial: TRIAL }],
  ])('accepts %s', (_, email, facts) => {
    const s = step(partnerAt('customerAdmin'), submit(email, facts));
    expect(s.value).toBe('company');
    expect(s.context.answers.customerAdminEmail).toBe(email);
  });

  it.each<[string, string, CustomerFacts]>([
    ['an address in a partner organization', 'x@kupac.example', { belongsTo: partnerOrg, trial: null }],
    ['another address than the trial administrator', 'x@kupac.example', { belongsTo: null, trial: TRIAL }],
    ['the trial admin in another organization', TRIAL.adminEmail, { belongsTo: customerOrg, trial: TRIAL }],
    ["the partner owner's own address", 'ana@partner.example', NO_CUSTOMER_FACTS],
    ["the new partner organization's administrator", 'admin@partner.example', NO_CUSTOMER_FACTS],
    ['an invalid address', 'kupac', NO_CUSTOMER_FACTS],
  ])('refuses %s', (_, email, facts) => {
    expectRejected(partnerAt('customerAdmin'), submit(email, facts));
  });

  it('lets a customer name themself as administrator', () => {
    const s = step(walk(start(), [E.customer, E.myself]), submit('ana@partner.example', NO_CUSTOMER_FACTS));
    expect(s.value).toBe('company');
  });

  it('Back goes to partnerOrg for a partner and to whoSetsUp for a customer (skipped step)', () => {
    expect(step(partnerAt('customerAdmin'), E.back).value).toBe('partnerOrg');
    expect(step(walk(start(), [E.customer, E.myself]), E.back).value).toBe('whoSetsUp');
  });
});

describe('step 5: company', () => {
  it('stores name, country and region, then asks about the organization', () => {
    const s = step(partnerAt('company'), E.company);
    expect(s.value).toEqual({ customerOrg: 'choose' });
    expect(s.context.answers.company).toEqual({ name: 'Kupac d.d.', countryCode: 'HR', regionCode: 'eu' });
  });

  it.each<[string, OrderSetupEvent]>([
    ['an empty name', { ...E.company, name: '  ' }],
    ['a malformed country', { ...E.company, country: { code: 'Croatia', regionCode: 'eu' } }],
  ])('refuses %s', (_, event) => {
    expectRejected(partnerAt('company'), event);
  });

  it('Back returns to customerAdmin', () => {
    expect(step(partnerAt('company'), E.back).value).toBe('customerAdmin');
  });
});
