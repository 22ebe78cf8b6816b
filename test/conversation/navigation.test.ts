import { describe, expect, it } from 'vitest';
import type { Directory } from '../../src/directory/directory.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { createDirectoryRepository } from '../../src/storage/directory.repository.js';
import { findAction, stepOf } from '../support/setup-client.js';
import { waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';
import {
  getOrder,
  mustLoadSetup,
  outboxKeys,
  storedContext,
  uniqueSuffix,
  waitForOrder,
  waitForSettled,
} from './conversation-fixture.js';
import { createDirectConversation, forgedSubmit } from './direct-conversation.js';
import { cardWords, startSetup, takeMessages, walkTo } from './setup-walk.js';

describe('moving around the steps', () => {
  // The bot's clock runs this far ahead of the real one; a test moves it to leave the double-click window.
  let clockOffsetMs = 0;
  const app = useTestApp({ now: () => new Date(Date.now() + clockOffsetMs) });

  it('goes Back through every step, keeping the answers, and the order follows', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-BACK-${x}`;
    const { client, role } = await startSetup(app, `back.${x}@partner.example`, orderId);
    const confirm = await walkTo(client, role, 'customerOrg', {
      customerAdminEmail: `admin.${x}@kupac.example`,
      companyName: `Back ${x} d.o.o.`,
      countryCode: 'SI',
      orgChoice: 'new',
    });
    await waitForOrder(app, orderId, 'at customerOrg', (o) => o.setup?.step === 'customerOrg');

    const expected = ['company', 'customerAdmin', 'partnerOrg', 'whoSetsUp', 'role'];
    let card = confirm;
    for (const step of expected) {
      await client.click(card, { action: 'back' });
      card = await client.next();
      expect(stepOf(card)).toBe(step);
      if (step === 'company') {
        expect(cardWords(card)).toContain(`input companyName=Back ${x} d.o.o.`);
        expect(cardWords(card)).toContain('input countryCode=SI');
      }
      if (step === 'customerAdmin')
        expect(cardWords(card)).toContain(`input customerAdminEmail=admin.${x}@kupac.example`);
    }
    expect(() => findAction(card, { action: 'back' })).toThrow(/no button/);
    const order = await waitForOrder(app, orderId, 'back at role', (o) => o.setup?.step === 'role');
    expect(order.setup).toMatchObject({ stepNumber: 1, totalSteps: 7 });
    expect(storedContext(await mustLoadSetup(app, orderId)).answers.company?.name).toBe(`Back ${x} d.o.o.`);
  });

  it('edits a section from the review and comes back to the review with the change', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-EDIT-${x}`;
    const { client, role } = await startSetup(app, `edit.${x}@partner.example`, orderId);
    const review = await walkTo(client, role, 'review', { companyName: 'Before Edit d.o.o.' });
    expect(cardWords(review)).toContain('Company name: Before Edit d.o.o.');

    await client.click(review, { action: 'edit', choice: 'company' });
    const company = await client.next();
    expect(stepOf(company)).toBe('company');
    expect(cardWords(company)).toContain('input companyName=Before Edit d.o.o.');
    await client.click(company, { action: 'next' }, { companyName: 'After Edit d.o.o.', countryCode: 'AT' });
    const back = await client.next();
    expect(stepOf(back)).toBe('review');
    expect(cardWords(back)).toContain('Company name: After Edit d.o.o.');
    expect(cardWords(back)).toContain('Country of operation: Austria');

    // Editing the administrator re-asks the organization, then returns to the review.
    await client.click(back, { action: 'edit', choice: 'customerAdmin' });
    const admin = await client.next();
    expect(stepOf(admin)).toBe('customerAdmin');
    await client.click(admin, { action: 'next' }, { customerAdminEmail: `edited.${x}@kupac.example` });
    const org = await client.next();
    expect(stepOf(org)).toBe('customerOrg');
    await client.click(org, { action: 'next' }, { orgChoice: 'new' });
    const final = await client.next();
    expect(stepOf(final)).toBe('review');
    expect(cardWords(final)).toContain(`Administrator: edited.${x}@kupac.example`);
    expect(cardWords(final)).toContain('Company name: After Edit d.o.o.');
  });

  it('answers a click on an earlier card with "out of date" and the current step, changing nothing', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-STALE-${x}`;
    const { client, role } = await startSetup(app, `stale.${x}@partner.example`, orderId);
    const partner = await walkTo(client, role, 'partnerOrg');
    const before = await mustLoadSetup(app, orderId);

    await client.click(role, { action: 'next', choice: 'customer' });
    const answers = await takeMessages(client, 2);
    const notice = answers.find((m) => stepOf(m) === undefined);
    expect(notice?.text).toContain('That card is out of date');
    const current = answers.find((m) => stepOf(m) === 'partnerOrg');
    expect(
      current === undefined ? undefined : findAction(current, { action: 'next', choice: 'correct' }),
    ).toEqual(findAction(partner, { action: 'next', choice: 'correct' }));
    const after = await mustLoadSetup(app, orderId);
    expect({ rev: after.rev, json: after.snapshotJson }).toEqual({
      rev: before.rev,
      json: before.snapshotJson,
    });
    expect((await getOrder(app, orderId)).setup?.step).toBe('partnerOrg');
  });

  it('treats a click on the card just answered as stale once the double-click window has passed', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-LATE-${x}`;
    const { client, role } = await startSetup(app, `late.${x}@partner.example`, orderId);
    await client.click(role, { action: 'next', choice: 'partner' });
    await client.nextStep('whoSetsUp');
    clockOffsetMs += 60_000;
    await client.click(role, { action: 'next', choice: 'customer' });
    const answers = await takeMessages(client, 2);
    expect(answers.map((m) => stepOf(m) ?? m.text?.split('\n')[0]).sort()).toEqual([
      'That card is out of date',
      'whoSetsUp',
    ]);
    expect((await mustLoadSetup(app, orderId)).rev).toBe(1);
  });

  it('tells a different answer on the card just answered that it is out of date, with the current step', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-CHANGED-${x}`;
    const { client, role, person } = await startSetup(app, `changed.${x}@partner.example`, orderId);
    await client.click(role, { action: 'next', choice: 'partner' });
    const who = await client.nextStep('whoSetsUp');
    const before = await mustLoadSetup(app, orderId);
    expect(before.lastSubmit?.action).toBe('next');

    // A few seconds later, well inside the double-click window: the other button of the same card.
    await client.click(role, { action: 'next', choice: 'customer' });
    const answers = await takeMessages(client, 2);
    const notice = answers.find((m) => stepOf(m) === undefined);
    expect(notice?.text).toContain('That card is out of date');
    const current = answers.find((m) => stepOf(m) === 'whoSetsUp');
    // The current step, exactly as it stands, with Back to change the answer just given.
    expect(current === undefined ? undefined : findAction(current, { action: 'back' })).toEqual(
      findAction(who, { action: 'back' }),
    );
    const after = await mustLoadSetup(app, orderId);
    expect({ rev: after.rev, json: after.snapshotJson }).toEqual({
      rev: before.rev,
      json: before.snapshotJson,
    });
    expect(storedContext(after).answers.role).toBe('partner');

    // The same answer again is still only a double click: nothing more arrives.
    await client.click(role, { action: 'next', choice: 'partner' });
    // Events of one space are handled in order, so once "resume" is answered the click was too.
    await person.say('resume');
    expect(stepOf(await client.next())).toBe('whoSetsUp');
    expect((await mustLoadSetup(app, orderId)).rev).toBe(before.rev);
  });

  it('tells the same button with other inputs, on the card just answered, that it is out of date', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-RETYPED-${x}`;
    const { client, role } = await startSetup(app, `retyped.${x}@partner.example`, orderId);
    const company = await walkTo(client, role, 'company');
    await client.click(company, { action: 'next' }, { companyName: 'First Name d.o.o.', countryCode: 'HR' });
    await client.nextStep('customerOrg');
    const rev = (await mustLoadSetup(app, orderId)).rev;

    await client.click(company, { action: 'next' }, { companyName: 'Second Name d.o.o.', countryCode: 'HR' });
    const answers = await takeMessages(client, 2);
    expect(answers.map((m) => stepOf(m) ?? m.text?.split('\n')[0]).sort()).toEqual([
      'That card is out of date',
      'customerOrg',
    ]);
    const after = await mustLoadSetup(app, orderId);
    expect(after.rev).toBe(rev);
    expect(storedContext(after).answers.company?.name).toBe('First Name d.o.o.');
  });

  it('tells a different answer that lost the race to another instance that the card is out of date', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-RACE-${x}`;
    const { client, role, person } = await startSetup(app, `race.${x}@partner.example`, orderId);
    const admin = await walkTo(client, role, 'customerAdmin');
    const rev = (await mustLoadSetup(app, orderId)).rev;
    const mine = `mine.${x}@kupac.example`;
    const theirs = `theirs.${x}@kupac.example`;
    // A second instance, whose directory look-up for its click takes long enough for the same
    // card, with another address, to be answered by the app and saved first.
    const directory = createDirectoryRepository(app.storage.db, { logger: createSilentLogger() });
    const slow: Directory = {
      ...directory,
      async findMembership(email) {
        if (email === mine) {
          await person.submit(admin.id, {
            ...findAction(admin, { action: 'next' }),
            customerAdminEmail: theirs,
          });
          await waitFor('the other click saved', async () =>
            (await mustLoadSetup(app, orderId)).rev > rev ? true : undefined,
          );
        }
        return directory.findMembership(email);
      },
    };
    const other = await createDirectConversation(app, { directory: slow });
    const inputs = { ...findAction(admin, { action: 'next' }), customerAdminEmail: mine };
    await other.handleEvent(forgedSubmit(person.email, admin.id, inputs));

    const answers = await takeMessages(client, 3);
    expect(answers.map((m) => stepOf(m) ?? m.text?.split('\n')[0]).sort()).toEqual([
      'That card is out of date',
      'company',
      'company',
    ]);
    const after = await mustLoadSetup(app, orderId);
    expect(after.rev).toBe(rev + 1);
    expect(storedContext(after).answers.customerAdminEmail).toBe(theirs);
  });

  it('makes exactly one transition from a double click', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-DOUBLE-${x}`;
    const { client, role, person } = await startSetup(app, `double.${x}@partner.example`, orderId);
    // The role card reaches the person before it is recorded as sent: count from once it is.
    const before = await waitForSettled(app, orderId);
    const keysBefore = await outboxKeys(app, orderId);

    await Promise.all([
      client.click(role, { action: 'next', choice: 'partner' }),
      client.click(role, { action: 'next', choice: 'partner' }),
    ]);
    // Events of one space are handled in order, so once "resume" is answered both clicks were.
    await person.say('resume');
    const answers = await takeMessages(client, 2);
    expect(answers.map(stepOf)).toEqual(['whoSetsUp', 'whoSetsUp']);
    const after = await waitForSettled(app, orderId);
    expect(after.rev).toBe(before.rev + 1);
    const added = (await outboxKeys(app, orderId)).filter((key) => !keysBefore.includes(key));
    expect(added).toHaveLength(2);
    expect(added.filter((key) => key.startsWith(`setup:${orderId}:`))).toEqual([`setup:${orderId}:1:step`]);
  });
});
