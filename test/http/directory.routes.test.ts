import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryRouter } from '../../src/http/directory.routes.js';
import { createHttpApp, listen, type RunningHttpServer } from '../../src/http/server.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { useTestDirectory } from '../directory/directory-test-db.js';

const TOKEN = 'directory-test-token-0123456789';
const REGIONS: Record<string, string> = { HR: 'eu', DE: 'eu', GB: 'uk', US: 'us' };
const now = new Date('2026-03-01T12:00:00Z');

const db = useTestDirectory('directory_routes');
let server: RunningHttpServer;

beforeAll(async () => {
  const logger = createSilentLogger();
  const router = createDirectoryRouter({
    directory: db.directory,
    apiToken: TOKEN,
    isKnownCountry: (code) => code in REGIONS,
    regionOf: (code) => REGIONS[code],
    logger,
    clock: () => now,
  });
  server = await listen(
    createHttpApp({ logger, mounts: [{ path: '/api', router }], readiness: [] }),
    0,
    '127.0.0.1',
  );
});
afterAll(async () => {
  await server?.close();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === '' ? undefined : JSON.parse(text),
  };
}

const countOrgs = () => db.storage.db.collection('directory_orgs').countDocuments();

const partnerBody = {
  orgId: 'northwind-1',
  name: 'Northwind Collaboration Partners',
  adminEmail: 'provisioning@partner.example',
  emailDomains: ['partner.example'],
};
const customerBody = {
  orgId: 'fabrikam-1',
  name: 'Fabrikam Health GmbH',
  adminEmail: 'cc.admin@fabrikam.example.com',
  countryCode: 'de',
  trial: { expiresOn: '2026-03-31' },
};

describe('creating organizations', () => {
  it('creates a partner organization (201), replays it (200) and refuses other details (409)', async () => {
    const created = await call('POST', '/api/partner-orgs', partnerBody);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/partner-orgs/northwind-1');
    expect(created.json).toMatchObject({
      ...partnerBody,
      kind: 'partner',
      memberEmails: ['provisioning@partner.example'],
    });

    const replay = await call('POST', '/api/partner-orgs', partnerBody);
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual(created.json);

    const changed = await call('POST', '/api/partner-orgs', { ...partnerBody, name: 'Northwind Ltd' });
    expect(changed.status).toBe(409);
    expect(changed.json.issues).toEqual([
      { path: 'orgId', message: 'is used by an organization with other details' },
    ]);
    expect((await call('GET', '/api/partner-orgs/northwind-1')).json.name).toBe(
      'Northwind Collaboration Partners',
    );
  });

  it('creates a customer organization with the region its country implies and a running trial', async () => {
    const created = await call('POST', '/api/customer-orgs', {
      ...customerBody,
      partnerOrgId: 'northwind-1',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      orgId: 'fabrikam-1',
      kind: 'customer',
      countryCode: 'DE',
      region: 'eu',
      trial: { expiresOn: '2026-03-31', adminEmail: 'cc.admin@fabrikam.example.com' },
      trialStatus: 'active',
      partnerOrgId: 'northwind-1',
    });
    // Replaying without partnerOrgId still matches: the request did not ask for another partner.
    expect((await call('POST', '/api/customer-orgs', customerBody)).status).toBe(200);
    const fetched = await call('GET', '/api/customer-orgs/fabrikam-1');
    expect(fetched.json).toEqual(created.json);
  });

  it('generates an organization id when none is given', async () => {
    const created = await call('POST', '/api/customer-orgs', {
      name: 'Contoso Retail',
      adminEmail: 'it.admin@contoso.example.com',
      countryCode: 'HR',
    });
    expect(created.status).toBe(201);
    expect(created.json.orgId).toMatch(/^Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi/);
    expect(created.json.trialStatus).toBe('none');
    expect(created.headers.get('location')).toBe(`/api/customer-orgs/${created.json.orgId}`);
  });

  it.each([
    [
      'an administrator who already belongs to a customer',
      '/api/partner-orgs',
      { name: 'X', adminEmail: 'it.admin@contoso.example.com', emailDomains: ['x.example'] },
      'adminEmail',
    ],
    [
      'an address at a partner-claimed domain',
      '/api/customer-orgs',
      { name: 'X', adminEmail: 'someone@partner.example', countryCode: 'HR' },
      'adminEmail',
    ],
    [
      'a trial administrator who belongs elsewhere',
      '/api/customer-orgs',
      {
        name: 'X',
        adminEmail: 'new@x.example.com',
        countryCode: 'HR',
        trial: { expiresOn: '2026-04-01', adminEmail: 'cc.admin@fabrikam.example.com' },
      },
      'trial.adminEmail',
    ],
    [
      'a domain another partner claims',
      '/api/partner-orgs',
      { name: 'X', adminEmail: 'boss@x.example', emailDomains: ['x.example', 'partner.example'] },
      'emailDomains.1',
    ],
    [
      'an id used by the other kind',
      '/api/customer-orgs',
      { orgId: 'northwind-1', name: 'X', adminEmail: 'a@x.example.com', countryCode: 'HR' },
      'orgId',
    ],
  ])('answers 409 for %s, naming the field, and stores nothing', async (_label, path, body, field) => {
    const before = await countOrgs();
    const answer = await call('POST', path, body);
    expect(answer.status).toBe(409);
    expect(answer.json.error).toEqual(expect.any(String));
    expect(answer.json.issues.map((issue: { path: string }) => issue.path)).toEqual([field]);
    expect(await countOrgs()).toBe(before);
  });
});

describe('bad input', () => {
  const partner = { name: 'P', adminEmail: 'a@p-bad.example', emailDomains: ['p-bad.example'] };
  const customer = { name: 'C', adminEmail: 'a@c-bad.example.com', countryCode: 'HR' };

  it.each([
    ['partner without a name', '/api/partner-orgs', { ...partner, name: undefined }, ['name']],
    [
      'partner with a bad email',
      '/api/partner-orgs',
      { ...partner, adminEmail: 'not-an-email' },
      ['adminEmail'],
    ],
    ['partner without domains', '/api/partner-orgs', { ...partner, emailDomains: [] }, ['emailDomains']],
    [
      'partner claiming gmail.com',
      '/api/partner-orgs',
      { ...partner, emailDomains: ['p-bad.example', 'gmail.com'] },
      ['emailDomains.1'],
    ],
    ['partner with an unknown field', '/api/partner-orgs', { ...partner, phone: '123' }, ['phone']],
    ['partner with a bad orgId', '/api/partner-orgs', { ...partner, orgId: 'a b' }, ['orgId']],
    [
      'partner with several problems',
      '/api/partner-orgs',
      { name: '', adminEmail: 5, colour: 'red' },
      ['name', 'adminEmail', 'emailDomains', 'colour'],
    ],
    [
      'customer in an unknown country',
      '/api/customer-orgs',
      { ...customer, countryCode: 'FR' },
      ['countryCode'],
    ],
    [
      'customer with an impossible trial date',
      '/api/customer-orgs',
      { ...customer, trial: { expiresOn: '2026-02-30' } },
      ['trial.expiresOn'],
    ],
    [
      'customer with an unknown trial field',
      '/api/customer-orgs',
      { ...customer, trial: { expiresOn: '2026-04-01', days: 30 } },
      ['trial.days'],
    ],
    [
      'customer of a partner that does not exist',
      '/api/customer-orgs',
      { ...customer, partnerOrgId: 'no-such-partner' },
      ['partnerOrgId'],
    ],
    ['customer as a JSON array', '/api/customer-orgs', [customer], ['(body)']],
  ])('%s answers 400 naming the field and stores nothing', async (_label, path, body, fields) => {
    const before = await countOrgs();
    const answer = await call('POST', path, body);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toEqual(expect.any(String));
    expect(answer.json.issues.map((issue: { path: string }) => issue.path)).toEqual(fields);
    expect(await countOrgs()).toBe(before);
  });

  it('answers 400 to JSON that does not parse, 415 to a body that is not JSON, 413 to a large one', async () => {
    const before = await countOrgs();
    expect((await call('POST', '/api/partner-orgs', '{"name":')).status).toBe(400);
    const text = await call('POST', '/api/partner-orgs', 'name=x', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const large = await call('POST', '/api/partner-orgs', { ...partner, name: 'x'.repeat(20_000) });
    expect(large.status).toBe(413);
    expect(await countOrgs()).toBe(before);
  });

  it('answers 401 without the right bearer token and stores nothing', async () => {
    const before = await countOrgs();
    const missing = await call('POST', '/api/partner-orgs', partner, { authorization: '' });
    expect(missing.status).toBe(401);
    const wrong = await call('POST', '/api/customer-orgs', customer, { authorization: 'Bearer wrong-token' });
    expect(wrong.status).toBe(401);
    expect((await call('GET', '/api/partner-orgs', undefined, { authorization: '' })).status).toBe(401);
    expect(await countOrgs()).toBe(before);
  });
});

describe('reading organizations', () => {
  it('answers 404 for an unknown id, and for an id of the other kind', async () => {
    expect((await call('GET', '/api/partner-orgs/unknown-org')).status).toBe(404);
    expect((await call('GET', '/api/customer-orgs/northwind-1')).status).toBe(404);
  });

  it('pages through a list with next', async () => {
    for (const i of [1, 2, 3]) {
      const answer = await call('POST', '/api/partner-orgs', {
        orgId: `page-${i}`,
        name: `Paged ${i}`,
        adminEmail: `admin@paged${i}.example`,
        emailDomains: [`paged${i}.example`],
      });
      expect(answer.status).toBe(201);
    }
    const ids: string[] = [];
    let path = '/api/partner-orgs?limit=2';
    for (;;) {
      const page = await call('GET', path);
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      ids.push(...page.json.items.map((org: { orgId: string }) => org.orgId));
      if (page.json.next === null) break;
      path = `/api/partner-orgs?limit=2&after=${encodeURIComponent(page.json.next)}`;
    }
    expect(ids).toEqual(['northwind-1', 'page-1', 'page-2', 'page-3']);
  });

  it('filters customers by partner and validates the query', async () => {
    const page = await call('GET', '/api/customer-orgs?partnerOrgId=northwind-1');
    expect(page.json.items.map((org: { orgId: string }) => org.orgId)).toEqual(['fabrikam-1']);
    const bad = await call('GET', '/api/customer-orgs?limit=0&sort=name');
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((issue: { path: string }) => issue.path)).toEqual(['limit', 'sort']);
  });
});
