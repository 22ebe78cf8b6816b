import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { en as EN } from '../../cards/i18n/en.js';
import { mustLoadSetup } from '../conversation/conversation-fixture.js';
import { cardWords, startSetup, walkTo } from '../conversation/setup-walk.js';
import { findAction, stepOf } from '../support/setup-client.js';
import { useTestApp } from '../support/use-test-app.js';
import { countCase, hostileName, operatorValue, runs, storedState, tried } from './reliability-support.js';

/**
 * Hostile card inputs, sent as a Webex client sends them (the emulator's attachment actions, the
 * signed webhook, the real framework): every submit is answered (the field's error, or a notice),
 * and the setup never moves on bad input.
 */

const app = useTestApp();
afterAll(() => {
  process.stdout.write(`hygiene-cards cases: ${JSON.stringify(tried)}\n`);
});

const HIDDEN_ERRORS = [EN['error.nameMention'], EN['error.nameHidden']];

describe('bad input on the cards', () => {
  it('refuses hostile company names and operator values with the field error, changing nothing', async () => {
    const orderId = 'HYG-CARD-1';
    const started = await startSetup(app, 'hostile.cards@partner.example', orderId);
    let card = await walkTo(started.client, started.role, 'company');
    const setup = await mustLoadSetup(app, orderId);
    const state = await storedState(app, ['outbox']);
    const companyName = fc.oneof(
      hostileName.map((value) => ({ value, errors: HIDDEN_ERRORS })),
      fc.constantFrom('', '   ', '\u200b\ufeff').map((value) => ({ value, errors: [EN['error.required']] })),
      fc
        .integer({ min: 121, max: 1_000_000 })
        .map((n) => ({ value: 'x'.repeat(n), errors: [EN['error.textTooLong']] })),
      operatorValue.map((value) => ({ value, errors: [EN['error.required']] })),
    );
    await fc.assert(
      fc.asyncProperty(companyName, fc.option(operatorValue), async (name, extra) => {
        countCase('hostile card inputs');
        const inputs = {
          companyName: name.value,
          countryCode: 'HR',
          ...(extra === null ? {} : { $where: extra }),
        };
        await started.person.submit(card.id, { ...inputs, ...findAction(card, { action: 'next' }) });
        const answer = await started.client.next(20_000);
        expect(stepOf(answer)).toBe('company');
        const words = cardWords(answer);
        expect(name.errors.some((error) => words.includes(error))).toBe(true);
        card = answer;
      }),
      runs(150, 60_000),
    );
    const after = await mustLoadSetup(app, orderId);
    expect({ rev: after.rev, json: after.snapshotJson }).toEqual({
      rev: setup.rev,
      json: setup.snapshotJson,
    });
    expect(await storedState(app, ['outbox'])).toBe(state);
  }, 150_000);

  it('answers a tampered envelope (operators, huge or unknown values) with a notice, changing nothing', async () => {
    const orderId = 'HYG-CARD-2';
    const started = await startSetup(app, 'tampered.cards@partner.example', orderId);
    const setup = await mustLoadSetup(app, orderId);
    const state = await storedState(app, ['outbox']);
    const envelope = findAction(started.role, { action: 'next', choice: 'partner' });
    const hostile = fc.oneof(
      operatorValue,
      fc.string({ unit: 'binary', maxLength: 20 }).map((s) => `\u0000${s}`),
      fc.integer({ min: 300, max: 200_000 }).map((n) => 'y'.repeat(n)),
      fc.constantFrom(null, -1, 1.5, true, [], {}),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('orderId', 'step', 'rev', 'action', 'choice', 'locale'),
        hostile,
        async (key, value) => {
          countCase('tampered envelopes');
          await started.person.submit(started.role.id, { ...envelope, [key]: value });
          const answer = await started.client.next(20_000);
          expect(answer.text ?? cardWords(answer)).not.toBe('');
        },
      ),
      runs(150, 60_000),
    );
    const after = await mustLoadSetup(app, orderId);
    expect({ rev: after.rev, json: after.snapshotJson }).toEqual({
      rev: setup.rev,
      json: setup.snapshotJson,
    });
    expect(await storedState(app, ['outbox'])).toBe(state);
  }, 150_000);
});
