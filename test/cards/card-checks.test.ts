import { describe, expect, it } from 'vitest';
import { sdkProblems, shapeProblems } from './card-checks.js';

/** The card checks must be able to fail, or the card tests prove nothing. */
describe('card checks', () => {
  const base = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
  };
  const data = { orderId: 'A', step: 'role', rev: 0, action: 'next' };
  const submit = (title: string) => ({ type: 'Action.Submit', title, data });

  it('accept a plain 1.3 card', () => {
    const card = { ...base, body: [{ type: 'TextBlock', text: 'Hi' }], actions: [submit('Go')] };
    expect(sdkProblems(card)).toEqual([]);
    expect(shapeProblems(card)).toEqual([]);
  });

  it('the SDK reports 1.4+ types, unknown elements and duplicate ids', () => {
    const card = {
      ...base,
      body: [
        { type: 'Table', columns: [] },
        { type: 'Input.Text', id: 'a', label: 'A' },
        { type: 'Input.Text', id: 'a', label: 'B' },
      ],
      actions: [{ type: 'Action.Execute', title: 'x' }],
    };
    expect(sdkProblems(card)).toEqual([
      'Unknown element type "Table". Fallback will be used if present.',
      'Unknown action type "Action.Execute". Fallback will be used if present.',
      'Duplicate Id "a".',
    ]);
  });

  it('our checks report version, types, too many buttons, bad action data and envelope-key input ids', () => {
    const card = {
      ...base,
      version: '1.5',
      body: [
        { type: 'Table' },
        { type: 'Input.Text', id: 'rev', label: 'Rev' },
        { type: 'ActionSet', actions: [submit('1'), submit('2')] },
      ],
      actions: [
        submit('3'),
        submit('4'),
        submit('5'),
        { type: 'Action.Submit', title: '6', data: { action: 'x' } },
      ],
    };
    expect(shapeProblems(card)).toEqual([
      'version 1.5',
      'element type Table',
      'bad action data {"action":"x"}',
      '6 buttons in all',
      'input id rev collides with the envelope',
    ]);
  });
});
