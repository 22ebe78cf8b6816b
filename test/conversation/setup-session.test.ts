import { describe, expect, it } from 'vitest';
import { CARD_ACTIONS } from '../../flows/card-action.schema.js';
import { isShowOnlyAction } from '../../src/conversation/card-navigation.js';
import { replyTarget } from '../../src/conversation/conversation-deps.js';
import { progressEffect } from '../../src/conversation/progress-effect.js';
import { restoreSetup, stateOf } from '../../src/setups/setup-envelope.js';
import type { SetupDocument } from '../../src/storage/setups.repository.js';
import type { IncomingCardSubmit, IncomingText } from '../../src/webex/gateway.js';
import { eventKey } from '../../src/webex/incoming-event.key.js';
import { partnerAt, start } from '../flows/order-setup.helpers.js';

const at = new Date('2026-01-01T00:00:00Z');

function documentOf(overrides: Partial<SetupDocument>): SetupDocument {
  return {
    _id: 'CCW-1001',
    machineId: 'order-setup',
    version: 1,
    rev: 4,
    snapshotJson: '{}',
    ownerEmail: 'ana@partner.example',
    step: 'role',
    status: 'active',
    pendingEffects: [],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

describe('stored setups', () => {
  it('saves the columns next to the snapshot, and restores exactly what was saved', () => {
    const snapshot = partnerAt('company');
    const state = stateOf(snapshot);
    expect(state).toMatchObject({ step: 'company', status: 'active', ownerEmail: 'ana@partner.example' });
    const loaded = restoreSetup(documentOf({ ...state, rev: 7 }));
    expect(loaded.restartedBecause).toBeUndefined();
    expect(loaded.rev).toBe(7);
    expect(loaded.snapshot.value).toBe('company');
    expect(loaded.snapshot.context).toEqual(snapshot.context);
  });

  it.each([
    ['damaged JSON', { snapshotJson: '{"context": ' }],
    ['another machine', { machineId: 'something-else' }],
    ['a newer version', { version: 99 }],
    ['a snapshot of the wrong shape', { snapshotJson: '{"status":"active","value":"moon","context":{}}' }],
  ])('restarts cleanly at step 1 from %s, keeping who owns it', (_what, overrides) => {
    const stored = stateOf(partnerAt('company', { locale: 'hr' }));
    const loaded = restoreSetup(documentOf({ ...stored, ...overrides, ownerEmail: 'ben@partner.example' }));
    expect(loaded.restartedBecause).toEqual(expect.any(String));
    expect(loaded.snapshot.value).toBe('role');
    expect(loaded.snapshot.context.ownerEmail).toBe('ben@partner.example');
    expect(loaded.snapshot.context.orderId).toBe('CCW-1001');
  });

  it('keeps the language of a damaged snapshot when it can still be read', () => {
    const json = JSON.stringify({ context: { locale: 'hr', contactEmail: 'ana@partner.example' } });
    const loaded = restoreSetup(documentOf({ snapshotJson: json }));
    expect(loaded.snapshot.context.locale).toBe('hr');
    expect(loaded.snapshot.context.contactEmail).toBe('ana@partner.example');
  });

  it('reports progress for a step, and none once the setup has ended', () => {
    expect(progressEffect(start(), 'ana', 0)).toMatchObject({
      kind: 'orderProgress',
      progress: { step: 'role', stepNumber: 1, totalSteps: 7, rev: 0 },
    });
    const ended = restoreSetup(
      documentOf({
        snapshotJson: JSON.stringify({
          ...JSON.parse(stateOf(start()).snapshotJson),
          status: 'done',
          value: 'done',
        }),
      }),
    );
    expect(progressEffect(ended.snapshot, 'ana', 1)).toBeUndefined();
  });
});

describe('answers to events', () => {
  const text: IncomingText = {
    kind: 'text',
    messageId: 'M1',
    roomId: 'R1',
    roomType: 'group',
    personId: 'P1',
    personEmail: 'ana@partner.example',
    text: 'help',
  };
  const submit: IncomingCardSubmit = {
    kind: 'cardSubmit',
    actionId: 'A1',
    messageId: 'M2',
    roomId: 'R2',
    personId: 'P1',
    personEmail: 'ana@partner.example',
    inputs: {},
  };

  it('go to the group space for group text, and 1:1 otherwise', () => {
    expect(replyTarget(text)).toEqual({ roomId: 'R1' });
    expect(replyTarget({ ...text, roomType: 'direct' })).toEqual({ toPersonEmail: 'ana@partner.example' });
    expect(replyTarget(submit)).toEqual({ toPersonEmail: 'ana@partner.example' });
  });

  it('are keyed by the event, so a redelivered webhook is answered once', () => {
    expect(eventKey(text)).toBe('text:M1');
    expect(eventKey(submit)).toBe('submit:A1');
  });

  it('show-only buttons are exactly those that never move the flow', () => {
    expect(CARD_ACTIONS.filter(isShowOnlyAction)).toEqual([
      'resume',
      'restart',
      'restartCancel',
      'saveAndExit',
    ]);
  });
});
