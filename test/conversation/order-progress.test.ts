import { describe, expect, it } from 'vitest';
import { stepOf } from '../support/setup-client.js';
import { useTestApp } from '../support/use-test-app.js';
import { getOrder, uniqueSuffix, waitForOrder } from './conversation-fixture.js';
import { startSetup } from './setup-walk.js';

describe("the order's status and current step follow the setup", () => {
  const app = useTestApp();

  it('records each step of a customer setting up their own order (six steps, no partner step)', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-PROGRESS-${x}`;
    const { client, role } = await startSetup(app, `customer.${x}@kupac-${x}.example`, orderId);
    const started = await waitForOrder(app, orderId, 'in progress', (o) => o.setup?.step === 'role');
    expect(started).toMatchObject({ status: 'in_progress', setup: { stepNumber: 1, totalSteps: 7 } });

    const path: Array<[string, Record<string, string>, { action: string; choice?: string }]> = [
      ['role', {}, { action: 'next', choice: 'customer' }],
      ['whoSetsUp', {}, { action: 'next', choice: 'me' }],
      ['customerAdmin', { customerAdminEmail: `admin@kupac-${x}.example` }, { action: 'next' }],
      ['company', { companyName: `Kupac ${x}`, countryCode: 'FR' }, { action: 'next' }],
      ['customerOrg', { orgChoice: 'new' }, { action: 'next' }],
    ];
    const expected = [
      ['whoSetsUp', 2],
      ['customerAdmin', 3],
      ['company', 4],
      ['customerOrg', 5],
      ['review', 6],
    ] as const;
    let card = role;
    for (const [index, [step, inputs, button]] of path.entries()) {
      expect(stepOf(card)).toBe(step);
      await client.click(card, button, inputs);
      card = await client.next();
      const [nextStep, n] = expected[index] ?? ['?', 0];
      const order = await waitForOrder(app, orderId, `at ${nextStep}`, (o) => o.setup?.step === nextStep);
      expect(order.setup).toMatchObject({
        stepNumber: n,
        totalSteps: 6,
        ownerEmail: `customer.${x}@kupac-${x}.example`,
      });
      expect(order.status).toBe('in_progress');
    }
    await client.click(card, { action: 'next', choice: 'confirm' });
    const done = await waitForOrder(app, orderId, 'completed', (o) => o.status === 'completed');
    expect(done.history.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['setup_started', 'setup_progress', 'completed']),
    );
    expect((await getOrder(app, orderId)).setup?.step).toBe('review');
  });
});
