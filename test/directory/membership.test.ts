import { describe, expect, it } from 'vitest';
import type { CustomerOrg, PartnerOrg } from '../../src/directory/directory.js';
import { checkCustomerMapping, toMembership, toPartnerOrgLookup } from '../../src/directory/membership.js';

const at = new Date('2026-01-10T09:00:00Z');

function partner(orgId: string, domains: string[], members: string[] = []): PartnerOrg {
  const adminEmail = members[0] ?? `admin@${domains[0]}`;
  return {
    kind: 'partner',
    orgId,
    name: `Partner ${orgId}`,
    adminEmail,
    emailDomains: domains,
    memberEmails: [adminEmail, ...members.slice(1)],
    createdAt: at,
    updatedAt: at,
  };
}

function customer(orgId: string, overrides: Partial<CustomerOrg> = {}): CustomerOrg {
  return {
    kind: 'customer',
    orgId,
    name: `Customer ${orgId}`,
    adminEmail: 'it@customer.example.com',
    countryCode: 'HR',
    region: 'eu',
    trial: null,
    partnerOrgId: null,
    mappings: [],
    memberEmails: ['it@customer.example.com'],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

describe('who an email belongs to', () => {
  it('prefers the organization that lists the email over a partner claiming its domain', () => {
    const listing = partner('P1', ['one.example'], ['boss@gmail.com']);
    const facts = { email: 'boss@gmail.com', listedOn: listing, claimers: [] };
    expect(toPartnerOrgLookup(facts)).toEqual({ kind: 'found', org: listing, via: 'member' });
    expect(toMembership(facts)).toMatchObject({ orgId: 'P1', kind: 'partner', via: 'member' });
  });

  it('finds a partner by its domain when nobody lists the email', () => {
    const claimer = partner('P2', ['two.example']);
    const facts = { email: 'sam@two.example', listedOn: null, claimers: [claimer] };
    expect(toPartnerOrgLookup(facts)).toEqual({ kind: 'found', org: claimer, via: 'domain' });
    expect(toMembership(facts)).toEqual({
      email: 'sam@two.example',
      kind: 'partner',
      orgId: 'P2',
      orgName: 'Partner P2',
      via: 'domain',
    });
  });

  it('tells a customer organization user apart from a stranger', () => {
    const org = customer('C1');
    expect(toPartnerOrgLookup({ email: 'it@customer.example.com', listedOn: org, claimers: [] })).toEqual({
      kind: 'customer_user',
      membership: {
        email: 'it@customer.example.com',
        kind: 'customer',
        orgId: 'C1',
        orgName: 'Customer C1',
        via: 'member',
      },
    });
    expect(toPartnerOrgLookup({ email: 'x@nowhere.example', listedOn: null, claimers: [] })).toEqual({
      kind: 'none',
    });
    expect(toMembership({ email: 'x@nowhere.example', listedOn: null, claimers: [] })).toBeNull();
  });

  it('refuses to choose between two partners claiming one domain', () => {
    const facts = {
      email: 'sam@shared.example',
      listedOn: null,
      claimers: [partner('P1', ['shared.example']), partner('P2', ['shared.example'])],
    };
    expect(toPartnerOrgLookup(facts)).toEqual({
      kind: 'ambiguous',
      domain: 'shared.example',
      orgIds: ['P1', 'P2'],
    });
    expect(toMembership(facts)).toBeNull();
  });
});

describe('customer mapping rules', () => {
  const request = { customerOrgId: 'C1', partnerOrgId: 'P1', orderId: 'ORD-1' };

  it('lets a customer without a partner be mapped', () => {
    expect(checkCustomerMapping(customer('C1'), request)).toBeUndefined();
  });

  it('answers already recorded for the same order by the same partner', () => {
    const org = customer('C1', {
      partnerOrgId: 'P1',
      mappings: [{ orderId: 'ORD-1', partnerOrgId: 'P1', recordedAt: at }],
    });
    expect(checkCustomerMapping(org, request)).toEqual({ kind: 'already_recorded', org });
  });

  it('refuses a second partner', () => {
    expect(checkCustomerMapping(customer('C1', { partnerOrgId: 'P9' }), request)).toEqual({
      kind: 'other_partner',
      partnerOrgId: 'P9',
    });
  });
});
