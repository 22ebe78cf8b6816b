import { describe, expect, it } from 'vitest';
import { renderStepCard } from '../../../cards/step.card.js';
import { buildStepCardModel } from '../../../cards/step-card.model.js';
import { ENVELOPE_KEYS } from '../../../flows/card-action.schema.js';
import { currentView } from '../../../flows/order-setup.steps.js';
import {
  INPUT_IDS,
  SETUP_STEPS,
  STEP_IDS,
  stepOfView,
  stepsFor,
  VIEW_IDS,
} from '../../../flows/steps/index.js';
import { elements, TEST_COUNTRIES } from '../../cards/card-checks.js';
import { partnerAt } from '../order-setup.helpers.js';

describe('the setup step registry', () => {
  it('lists the steps in the order a person meets them, and their cards', () => {
    expect(STEP_IDS).toEqual([
      'role',
      'whoSetsUp',
      'partnerOrg',
      'customerAdmin',
      'company',
      'customerOrg',
      'review',
    ]);
    expect(VIEW_IDS).toEqual([...STEP_IDS.slice(0, 6), 'customerOrgConfirm', 'review']);
    expect(stepOfView('customerOrgConfirm').id).toBe('customerOrg');
  });

  it('skips the partner organization for customers only', () => {
    expect(stepsFor('customer')).not.toContain('partnerOrg');
    expect(stepsFor('partner')).toEqual(STEP_IDS);
    expect(stepsFor(null)).toEqual(STEP_IDS);
  });

  it('gives every input one id, none of them an envelope key', () => {
    const declared = SETUP_STEPS.flatMap((step) => step.inputIds);
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared.toSorted()).toEqual(Object.values(INPUT_IDS).toSorted());
    for (const id of declared) expect(ENVELOPE_KEYS).not.toContain(id);
  });

  it.each(['whoSetsUp', 'partnerOrg', 'customerAdmin', 'company', 'customerOrg'] as const)(
    'the %s card shows exactly the inputs its step reads',
    (view) => {
      const snapshot = partnerAt(view);
      const model = buildStepCardModel(snapshot, { rev: 0, countries: TEST_COUNTRIES });
      if (model === null) throw new Error('the conversation has ended');
      const shown = elements(renderStepCard(model, 'en'))
        .filter((element) => String(element.type).startsWith('Input.'))
        .map((element) => element.id);
      expect(currentView(snapshot)).toBe(view);
      expect(shown).toEqual(stepOfView(view).inputIds);
    },
  );
});
