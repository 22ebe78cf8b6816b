import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseCsv } from '../../src/orders/import/csv.parser.js';
import { createAsker } from '../admin/support/admin-client.js';
import { startSetup, waitForOrder, walkTo } from '../conversation/conversation-fixture.js';
import { useTestApp } from '../support/use-test-app.js';

/**
 * What a setup collected, read back through the whole app in local mode: the orders API, its CSV
 * export, and the `status` card in Webex (the emulator), for an administrator and for the partner.
 */

const ADMIN = 'ops@example.com';
const NORTHWIND = { orgId: expect.any(String), name: 'Northwind Collaboration Partners' };
const answersSchema = z.object({
  answers: z
    .object({
      role: z.string().nullable(),
      whoSetsUp: z.string().nullable(),
      partnerOrg: z.record(z.string(), z.unknown()).nullable(),
      customerAdminEmail: z.string().nullable(),
      company: z.string().nullable(),
      countryCode: z.string().nullable(),
      region: z.string().nullable(),
      customerOrg: z.record(z.string(), z.unknown()).nullable(),
    })
    .nullable(),
});

describe('reading back what a setup collected', () => {
  const app = useTestApp({ admins: [ADMIN] });
  const answersOf = async (orderId: string) =>
    answersSchema.parse((await app.callApi('GET', `/orders/${orderId}`)).body).answers;

  it('returns the answers so far with the order, and every answer once completed', async () => {
    await app.callApi('POST', '/orders', {
      orderId: 'RB-NONE',
      requestedStartDate: '2099-01-01',
      provisioningContactEmail: 'later@partner.example',
    });
    expect(await answersOf('RB-NONE')).toBeNull();

    const setup = await startSetup(app, 'rb.one@partner.example', 'RB-1');
    const company = await walkTo(setup.client, setup.role, 'company');
    expect(await answersOf('RB-1')).toEqual({
      role: 'partner',
      whoSetsUp: 'me',
      partnerOrg: { mode: 'existing', ...NORTHWIND, adminEmail: 'provisioning@partner.example' },
      customerAdminEmail: 'it.admin@novikupac.example',
      company: null,
      countryCode: null,
      region: null,
      customerOrg: null,
    });

    const review = await walkTo(setup.client, company, 'review');
    await setup.client.click(review, { action: 'next', choice: 'confirm' });
    await waitForOrder(app, 'RB-1', 'completed', (order) => order.status === 'completed');
    expect(await answersOf('RB-1')).toMatchObject({
      company: 'Novi Kupac d.o.o.',
      countryCode: 'HR',
      region: 'eu',
      customerOrg: { mode: 'new' },
    });
  });

  it('exports completed orders as CSV, one row each with the answers', async () => {
    const response = await fetch(`${app.api}/orders/export?status=completed`, {
      headers: { authorization: `Bearer ${app.ordersApiToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename=orders-completed.csv');
    const [header, ...rows] = parseCsv(await response.text()).records.map((record) => record.fields);
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries((header ?? []).map((name, i) => [name, rows[0]?.[i]]));
    expect(row).toMatchObject({
      orderId: 'RB-1',
      status: 'completed',
      setupOwnerEmail: 'rb.one@partner.example',
      role: 'partner',
      whoSetsUp: 'me',
      partnerOrgMode: 'existing',
      partnerOrgName: 'Northwind Collaboration Partners',
      partnerOrgAdminEmail: 'provisioning@partner.example',
      customerAdminEmail: 'it.admin@novikupac.example',
      company: 'Novi Kupac d.o.o.',
      countryCode: 'HR',
      region: 'eu',
      customerOrgMode: 'new',
      customerOrgId: '',
    });
    expect(row.completedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const bad = await app.callApi('GET', '/orders/export?status=finished');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ issues: [{ path: 'query.status.0' }] });
  });

  it('shows the answers on the administrators status card', async () => {
    const admin = await createAsker(await app.person(ADMIN));
    const answer = await admin.ask('status RB-1');
    const text = answer.text ?? '';
    for (const line of [
      'Answers so far:',
      'Role: Partner',
      'Who sets up: the contact',
      'Partner organization: Northwind Collaboration Partners\n',
      'Partner administrator: provisioning@partner.example',
      'Customer administrator: it.admin@novikupac.example',
      'Company: Novi Kupac d.o.o.',
      'Country of operation: Croatia (HR)',
      'Data residency region: European Union',
      'Customer organization: a new organization',
      // The organization's id, as Control Hub shows it, in the details part at the end.
      'Details:\nPartner organization ID: ',
    ])
      expect(text).toContain(line);
    expect(JSON.stringify(answer.attachments?.[0]?.content)).toContain('Novi Kupac d.o.o.');

    const none = await admin.ask('status RB-NONE');
    expect(none.text).toContain('Answers so far:\nNo question answered yet.');
  });

  it('shows partners their own answers, in the language of their order', async () => {
    const setup = await startSetup(app, 'rb.hr@partner.example', 'RB-HR', { locale: 'hr' });
    await walkTo(setup.client, setup.role, 'company', { customerAdminEmail: 'admin@kupac-hr.example' });
    const partner = await createAsker(setup.person);
    const own = await partner.ask('status RB-HR');
    expect(own.text).toContain('Dosadašnji odgovori:');
    expect(own.text).toContain('Uloga: Partner');
    expect(own.text).toContain('Administrator korisnika: admin@kupac-hr.example');
    // Another partner's order stays unknown to them, answers and all.
    const other = await partner.ask('status RB-1');
    expect(other.text).not.toContain('it.admin@novikupac.example');
  });
});
