import { describe, expect, it } from 'vitest';
import {
  calendarDateSchema,
  emailDomainSchema,
  newCustomerOrgSchema,
  newPartnerOrgSchema,
} from '../../src/directory/org-input.schemas.js';

const customerSchema = newCustomerOrgSchema((code) => ['HR', 'DE', 'US'].includes(code));

describe('organization input schemas', () => {
  it('normalizes a partner organization: trimmed name, lower-case email and domains', () => {
    const parsed = newPartnerOrgSchema.parse({
      name: '  Northwind  ',
      adminEmail: ' Admin@Partner.Example ',
      emailDomains: ['@Partner.Example', 'emea.partner.example'],
    });
    expect(parsed).toEqual({
      name: 'Northwind',
      adminEmail: 'admin@partner.example',
      emailDomains: ['partner.example', 'emea.partner.example'],
    });
  });

  it('upper-cases the country code before asking whether it is known', () => {
    const parsed = customerSchema.parse({
      name: 'Contoso',
      adminEmail: 'a@contoso.example.com',
      countryCode: 'hr',
    });
    expect(parsed.countryCode).toBe('HR');
  });

  it.each([
    ['an unknown field', { extra: 1 }, 'extra', 'Unrecognized key'],
    ['a public mail domain', { emailDomains: ['gmail.com'] }, 'emailDomains.0', 'public mail domain'],
    ['a domain without a dot', { emailDomains: ['localhost'] }, 'emailDomains.0', 'domain name'],
    ['no domains', { emailDomains: [] }, 'emailDomains', 'at least one domain'],
    ['an id with a slash', { orgId: 'a/b' }, 'orgId', 'organization id'],
    ['an empty name', { name: '   ' }, 'name', 'must not be empty'],
    ['a bad email', { adminEmail: 'admin.partner.example' }, 'adminEmail', 'email address'],
  ])('rejects a partner organization with %s', (_label, change, path, message) => {
    const body = {
      name: 'Northwind',
      adminEmail: 'admin@partner.example',
      emailDomains: ['partner.example'],
    };
    const result = newPartnerOrgSchema.safeParse({ ...body, ...change });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    const issuePath = issue?.code === 'unrecognized_keys' ? issue.keys.join('.') : issue?.path.join('.');
    expect(issuePath).toBe(path);
    expect(issue?.message).toContain(message);
  });

  it.each([
    ['an unknown country', { countryCode: 'FR' }, 'countryCode', 'can be ordered'],
    ['a three-letter country', { countryCode: 'HRV' }, 'countryCode', 'two-letter'],
    [
      'a trial date that does not exist',
      { trial: { expiresOn: '2026-02-30' } },
      'trial.expiresOn',
      'calendar date',
    ],
    [
      'a trial date in another format',
      { trial: { expiresOn: '30.04.2026' } },
      'trial.expiresOn',
      'YYYY-MM-DD',
    ],
    [
      'a bad trial email',
      { trial: { expiresOn: '2026-04-30', adminEmail: 'x' } },
      'trial.adminEmail',
      'email',
    ],
  ])('rejects a customer organization with %s', (_label, change, path, message) => {
    const body = { name: 'Contoso', adminEmail: 'a@contoso.example.com', countryCode: 'HR' };
    const result = customerSchema.safeParse({ ...body, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      [path, expect.stringContaining(message)],
    ]);
  });

  it('names each missing field as required', () => {
    const result = newPartnerOrgSchema.safeParse({});
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['name', 'is required'],
      ['adminEmail', 'is required'],
      ['emailDomains', 'is required'],
    ]);
  });

  it('accepts 29 February only in leap years', () => {
    expect(calendarDateSchema.safeParse('2028-02-29').success).toBe(true);
    expect(calendarDateSchema.safeParse('2027-02-29').success).toBe(false);
    expect(emailDomainSchema.safeParse('Integrator.Example').data).toBe('integrator.example');
  });
});
