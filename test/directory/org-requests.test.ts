import { describe, expect, it } from 'vitest';
import type { CustomerOrg } from '../../src/directory/directory.js';
import { decodeOrgId, newOrgId, webexOrgId } from '../../src/directory/org-id.js';
import {
  matchesCustomerRequest,
  toCustomerOrgRequest,
  toPartnerOrgRequest,
} from '../../src/directory/org-requests.js';

describe('organization requests', () => {
  it('puts a partner request in canonical form', () => {
    const request = toPartnerOrgRequest({
      name: ' Northwind ',
      adminEmail: 'Provisioning@Partner.Example',
      emailDomains: ['partner.example', 'EMEA.partner.example', 'partner.example'],
    });
    expect(request).toEqual({
      orgId: undefined,
      name: 'Northwind',
      adminEmail: 'provisioning@partner.example',
      emailDomains: ['emea.partner.example', 'partner.example'],
      memberEmails: ['provisioning@partner.example'],
    });
  });

  it("defaults the trial administrator to the organization's and makes both members", () => {
    const same = toCustomerOrgRequest({
      name: 'Fabrikam',
      adminEmail: 'CC.Admin@fabrikam.example.com',
      countryCode: 'de',
      trial: { expiresOn: '2026-05-01' },
    });
    expect(same.trial).toEqual({ expiresOn: '2026-05-01', adminEmail: 'cc.admin@fabrikam.example.com' });
    expect(same.memberEmails).toEqual(['cc.admin@fabrikam.example.com']);
    expect(same.countryCode).toBe('DE');

    const other = toCustomerOrgRequest({
      name: 'Globex',
      adminEmail: 'helpdesk@globex.example.com',
      countryCode: 'US',
      trial: { expiresOn: '2026-05-01', adminEmail: 'wxcc.trial@globex.example.com' },
    });
    expect(other.memberEmails).toEqual(['helpdesk@globex.example.com', 'wxcc.trial@globex.example.com']);
  });

  it('matches a replay even after a partner was recorded, but not a change of country', () => {
    const input = { name: 'Contoso', adminEmail: 'it@contoso.example.com', countryCode: 'HR', region: 'eu' };
    const stored: CustomerOrg = {
      kind: 'customer',
      orgId: 'C1',
      name: 'Contoso',
      adminEmail: 'it@contoso.example.com',
      countryCode: 'HR',
      region: 'eu',
      trial: null,
      partnerOrgId: 'P1',
      mappings: [],
      memberEmails: ['it@contoso.example.com'],
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    expect(matchesCustomerRequest(stored, toCustomerOrgRequest(input))).toBe(true);
    expect(matchesCustomerRequest(stored, toCustomerOrgRequest({ ...input, partnerOrgId: 'P2' }))).toBe(
      false,
    );
    expect(matchesCustomerRequest(stored, toCustomerOrgRequest({ ...input, countryCode: 'SI' }))).toBe(false);
  });
});

describe('organization ids', () => {
  it('have the Webex shape: unpadded base64 of ciscospark://us/ORGANIZATION/<uuid>', () => {
    const id = webexOrgId('96abc2aa-3dcc-11e5-a152-fe34819cdc9a');
    expect(id).toBe(
      'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi85NmFiYzJhYS0zZGNjLTExZTUtYTE1Mi1mZTM0ODE5Y2RjOWE',
    );
    expect(decodeOrgId(id)).toBe('96abc2aa-3dcc-11e5-a152-fe34819cdc9a');
  });

  it('are fresh and URL-safe when generated', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newOrgId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]+$/);
  });
});
