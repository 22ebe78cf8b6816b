import { describe, expect, it } from 'vitest';
import { findAction, stepOf } from '../support/setup-client.js';
import { useTestApp } from '../support/use-test-app.js';
import { mustLoadSetup, storedContext, uniqueSuffix, waitForOrder } from './conversation-fixture.js';
import { cardWords, startSetup, takeMessages, walkTo } from './setup-walk.js';

describe('leaving the setup and coming back', () => {
  const app = useTestApp();

  it('Save and exit keeps everything; resume and Continue setup show the current step', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-SAVE-${x}`;
    const { client, role, person } = await startSetup(app, `save.${x}@partner.example`, orderId);
    const company = await walkTo(client, role, 'company', { customerAdminEmail: `saved.${x}@kupac.example` });
    const before = await mustLoadSetup(app, orderId);

    await client.click(company, { action: 'saveAndExit' });
    const saved = await client.next();
    expect(saved.text).toContain(`Your answers for order ${orderId} are saved`);
    expect(saved.text).toMatch(/Please finish by/);
    expect((await mustLoadSetup(app, orderId)).snapshotJson).toBe(before.snapshotJson);

    await person.say('resume');
    const resumed = await client.next();
    expect(stepOf(resumed)).toBe('company');
    expect(findAction(resumed, { action: 'next' })).toEqual(findAction(company, { action: 'next' }));

    await client.click(saved, { action: 'resume' });
    const continued = await client.next();
    expect(stepOf(continued)).toBe('company');
    // The answers typed before leaving are still there.
    await client.click(continued, { action: 'next' }, { companyName: 'Saved d.o.o.', countryCode: 'HR' });
    const org = await client.nextStep('customerOrg');
    await client.click(org, { action: 'next' }, { orgChoice: 'new' });
    const review = await client.nextStep('review');
    expect(cardWords(review)).toContain(`Administrator: saved.${x}@kupac.example`);
  });

  it("the invitation's Set up now, clicked again, resumes where the setup stands", async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-AGAIN-${x}`;
    const { client, role, invitation } = await startSetup(app, `again.${x}@partner.example`, orderId);
    await walkTo(client, role, 'partnerOrg');
    const rev = (await mustLoadSetup(app, orderId)).rev;

    await client.click(invitation, { action: 'start' });
    const resumed = await client.next();
    expect(stepOf(resumed)).toBe('partnerOrg');
    expect(findAction(resumed, { action: 'next', choice: 'correct' }).rev).toBe(rev);
    expect((await mustLoadSetup(app, orderId)).rev).toBe(rev);
  });

  it('offers Resume and Start over for anything typed mid-setup', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-TYPED-${x}`;
    const { client, role, person } = await startSetup(app, `typed.${x}@partner.example`, orderId);
    await walkTo(client, role, 'whoSetsUp');

    await person.say('hello, where was I?');
    const prompt = await client.next();
    expect(prompt.text).toContain(`Order ${orderId} is at step 2 of 7: Who sets up the services`);
    await client.click(prompt, { action: 'resume' });
    expect(stepOf(await client.next())).toBe('whoSetsUp');

    await client.click(prompt, { action: 'restart' });
    const confirm = await client.next();
    expect(confirm.text).toContain('This clears your answers');
    await client.click(confirm, { action: 'restartCancel' });
    const kept = await takeMessages(client, 2);
    expect(kept.map((m) => stepOf(m) ?? m.text?.split('\n')[0]).sort()).toEqual([
      'Nothing was changed',
      'whoSetsUp',
    ]);
    expect(storedContext(await mustLoadSetup(app, orderId)).answers.role).toBe('partner');
  });

  it('restart asks first, then starts from step 1 with no answers', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-RESTART-${x}`;
    const { client, role, person } = await startSetup(app, `restart.${x}@partner.example`, orderId);
    await walkTo(client, role, 'company', { customerAdminEmail: `gone.${x}@kupac.example` });
    await waitForOrder(app, orderId, 'at company', (o) => o.setup?.step === 'company');

    await person.say('restart');
    const confirm = await client.next();
    expect(confirm.text).toContain('Start over?');
    await client.click(confirm, { action: 'restartConfirm' });
    const first = await client.next();
    expect(stepOf(first)).toBe('role');
    const context = storedContext(await mustLoadSetup(app, orderId));
    expect(context.answers).toMatchObject({ role: null, customerAdminEmail: null, company: null });
    const order = await waitForOrder(app, orderId, 'back at step 1', (o) => o.setup?.step === 'role');
    expect(order.setup).toMatchObject({ stepNumber: 1, totalSteps: 7 });

    // A second click on the confirmation is a double click: it restarts nothing more.
    const rev = (await mustLoadSetup(app, orderId)).rev;
    await client.click(confirm, { action: 'restartConfirm' });
    await person.say('resume');
    expect(stepOf(await client.next())).toBe('role');
    expect((await mustLoadSetup(app, orderId)).rev).toBe(rev);
  });
});
