import { describe, expect, it } from 'vitest';
import { createAsker } from '../admin/support/admin-client.js';
import { waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';
import { uniqueSuffix, waitForOrder } from './conversation-fixture.js';
import { cardWords, startSetup, walkTo } from './setup-walk.js';

const ADMIN = 'names.ops@example.com';

/**
 * Which name stands for the customer: the order's until the setup has the company typed, then
 * that company (the organizations are set up under it). The review labels both plainly, and the
 * administrators' answers use the same name.
 */
describe("the customer's and the partner's names", () => {
  const app = useTestApp({ admins: [ADMIN] });

  it('labels the order name and the typed company plainly, and the administrators see the company', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-NAMES-${x}`;
    const adminPerson = await app.person(ADMIN);
    const extra = { customerName: 'Contoso Retail d.o.o.', partnerName: 'Northwind Collaboration Partners' };
    const { client, role } = await startSetup(app, `names.${x}@partner.example`, orderId, extra);
    // A name ending with a period gets no second one.
    expect(cardWords(role)).toContain(`for Contoso Retail d.o.o. Are you the partner or the customer?`);

    const review = await walkTo(client, role, 'review', { companyName: `Fabrikam ${x}` });
    const words = cardWords(review);
    expect(words).toContain(`Company name: Fabrikam ${x}`);
    expect(words).toContain('Customer name on the order: Contoso Retail d.o.o.');
    // The partner organization carries the same name as the order's partner: shown once.
    expect(words).toContain('Partner organization: Northwind Collaboration Partners');
    expect(words).not.toContain('Partner name on the order');
    expect(words).not.toMatch(/^Partner: /m);
    await client.click(review, { action: 'next', choice: 'confirm' });
    await waitForOrder(app, orderId, 'completed', (o) => o.status === 'completed');

    // Administrators are told of the completion first; questions are answered after that.
    // (and of the typed administrator's address, held for their approval).
    await waitFor('the completion and approval alerts', async () => {
      const texts = (await adminPerson.messagesFromBot()).map((m) => m.text ?? '');
      const told = ['Order setup completed', 'Approval needed'].every((start) =>
        texts.some((text) => text.startsWith(start)),
      );
      return told ? true : undefined;
    });
    const admin = await createAsker(adminPerson);
    const list = await admin.ask('orders');
    expect(list.text).toContain(`${orderId} · Fabrikam ${x} / Northwind Collaboration Partners`);
    const status = await admin.ask(`status ${orderId}`);
    expect(status.text).toContain(
      `Customer: Fabrikam ${x}\nCustomer name on the order: Contoso Retail d.o.o.`,
    );
    expect(status.text).toContain('Country of operation: Croatia (HR)');
    expect(status.text).toContain('Data residency region: European Union');
  });
});
