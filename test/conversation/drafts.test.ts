import { describe, expect, it } from 'vitest';
import { driveSetup, stepOf } from '../support/setup-client.js';
import { useTestAppInstances, useTestDatabase } from '../support/use-test-app.js';
import { mustLoadSetup, storedContext, uniqueSuffix } from './conversation-fixture.js';
import { cardWords, startSetup, walkTo } from './setup-walk.js';

/**
 * Save and exit keeps what was typed on the card in hand as a draft: not an answer (nothing checks
 * it, the answers stay as they were), but the card shown on return carries it, also after the bot
 * restarted, until the step is submitted, when it is checked like any answer.
 */
describe('Save and exit keeps the card in hand as a draft', () => {
  const database = useTestDatabase({ label: 'drafts' });
  const { start, stop } = useTestAppInstances({ database });

  it('shows the typed company and country on resume, after a restart too, and checks them on submit', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-DRAFT-${x}`;
    const email = `draft.${x}@partner.example`;
    const first = await start();
    const { client, role, person } = await startSetup(first, email, orderId);
    const company = await walkTo(client, role, 'company', { customerAdminEmail: `admin.${x}@kupac.example` });
    const before = await mustLoadSetup(first, orderId);

    await client.click(
      company,
      { action: 'saveAndExit' },
      { companyName: 'Contoso Retail d.o.o.', countryCode: 'GB' },
    );
    const saved = await client.next();
    expect(saved.text).toContain(`Your answers for order ${orderId} are saved`);
    expect(saved.text).toContain('What you typed on the last card is kept too');
    const stored = await mustLoadSetup(first, orderId);
    // Not an answer: the state and its revision are as before; the draft sits beside them.
    expect(stored.snapshotJson).toBe(before.snapshotJson);
    expect(stored.rev).toBe(before.rev);
    expect(storedContext(stored).answers.company).toBeNull();
    expect(stored.draft).toEqual({
      rev: before.rev,
      view: 'company',
      values: { companyName: 'Contoso Retail d.o.o.', countryCode: 'GB' },
    });

    await person.say('resume');
    const resumed = await client.next();
    expect(stepOf(resumed)).toBe('company');
    expect(cardWords(resumed)).toContain('input companyName=Contoso Retail d.o.o.');
    expect(cardWords(resumed)).toContain('input countryCode=GB');
    await stop(first);

    const second = await start();
    const again = await second.person(email);
    const client2 = await driveSetup(again);
    await client2.click(saved, { action: 'resume' });
    const continued = await client2.next();
    expect(stepOf(continued)).toBe('company');
    expect(cardWords(continued)).toContain('input companyName=Contoso Retail d.o.o.');

    // Submitted, the draft is checked like any answer.
    await client2.click(
      continued,
      { action: 'next' },
      { companyName: 'Contoso Retail d.o.o.', countryCode: 'ZZ' },
    );
    const refused = await client2.next();
    expect(stepOf(refused)).toBe('company');
    expect(cardWords(refused)).toContain('Choose a country from the list.');
    await client2.click(
      refused,
      { action: 'next' },
      { companyName: 'Contoso Retail d.o.o.', countryCode: 'HR' },
    );
    const org = await client2.nextStep('customerOrg');
    // Back on the company card after the step was answered: the answer, not the old draft.
    await client2.click(org, { action: 'back' });
    const back = await client2.nextStep('company');
    expect(cardWords(back)).toContain('input countryCode=HR');
    await stop(second);
  });

  it('keeps nothing from an old card or an empty one', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-NODRAFT-${x}`;
    const app = await start();
    const { client, role } = await startSetup(app, `nodraft.${x}@partner.example`, orderId);
    const admin = await walkTo(client, role, 'customerAdmin');
    await client.click(admin, { action: 'saveAndExit' }, { customerAdminEmail: '  ' });
    expect((await client.next()).text).not.toContain('What you typed');
    expect((await mustLoadSetup(app, orderId)).draft ?? null).toBeNull();
    // A Save and exit from a card the setup has moved past keeps nothing of it.
    await client.click(admin, { action: 'next' }, { customerAdminEmail: `it.${x}@kupac.example` });
    await client.nextStep('company');
    await client.click(admin, { action: 'saveAndExit' }, { customerAdminEmail: `old.${x}@kupac.example` });
    expect((await client.next()).text).not.toContain('What you typed');
    expect((await mustLoadSetup(app, orderId)).draft ?? null).toBeNull();
    await stop(app);
  });
});
