import { describe, expect, it } from 'vitest';
import { stepOf } from '../support/setup-client.js';
import { useTestApp } from '../support/use-test-app.js';
import { mustLoadSetup, storedContext, uniqueSuffix, waitForOrder } from './conversation-fixture.js';
import { cardWords, startSetup, walkTo } from './setup-walk.js';

describe('the setup in Croatian', () => {
  const app = useTestApp();

  it('runs in Croatian from the invitation to the end for an order in hr', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-HR-${x}`;
    const { client, role, invitation, person } = await startSetup(app, `hr.${x}@partner.example`, orderId, {
      locale: 'hr',
    });
    expect(invitation.text).toContain('spremna je za postavljanje');
    expect(cardWords(role)).toContain('Vaša uloga');
    expect(cardWords(role)).toContain('Korak 1 od 7');

    const company = await walkTo(client, role, 'company', { customerAdminEmail: `admin.${x}@kupac.example` });
    expect(cardWords(company)).toContain('zemlju rada');
    await client.click(company, { action: 'next' }, { companyName: 'Kupac d.o.o.', countryCode: 'KP' });
    const refused = await client.next();
    expect(cardWords(refused)).toContain('Odaberite zemlju s popisa.');

    await person.say('nešto');
    const prompt = await client.next();
    expect(prompt.text).toContain('Imate započeto postavljanje');

    const review = await walkTo(client, refused, 'review', { companyName: 'Kupac d.o.o.' });
    expect(cardWords(review)).toContain('Provjerite jesu li podaci o kupcu i partneru točni');
    await client.click(review, { action: 'next', choice: 'confirm' });
    expect((await client.next()).text).toContain('Postavljanje narudžbe je dovršeno');
    await waitForOrder(app, orderId, 'completed', (o) => o.status === 'completed');
  });

  it('switches language on the first card, and the following cards keep it', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-SWITCH-${x}`;
    const { client, role } = await startSetup(app, `switch.${x}@partner.example`, orderId);
    expect(cardWords(role)).toContain('Your role');

    await client.click(role, { action: 'setLocale', locale: 'hr' });
    const croatian = await client.next();
    expect(stepOf(croatian)).toBe('role');
    expect(cardWords(croatian)).toContain('Vaša uloga');
    expect(storedContext(await mustLoadSetup(app, orderId)).locale).toBe('hr');

    await client.click(croatian, { action: 'next', choice: 'partner' });
    const who = await client.next();
    expect(cardWords(who)).toContain('Hoćete li sami postaviti usluge?');

    // The old English card is out of date now, and says so in Croatian.
    await client.click(role, { action: 'setLocale', locale: 'hr' });
    const answers = [await client.next(), await client.next()];
    expect(answers.map((m) => m.text ?? '').join('\n')).toContain('Ta je kartica zastarjela');

    await client.click(who, { action: 'back' });
    const back = await client.next();
    await client.click(back, { action: 'setLocale', locale: 'en' });
    expect(cardWords(await client.next())).toContain('Your role');
  });
});
