import { WHO_SETS_UP_INPUTS } from '../../flows/steps/who-sets-up.step.js';
import type { Container } from '../adaptive-card.types.js';
import { actionRows, emailInput, fieldError, note, paragraph, submit } from '../card-kit.js';
import type { Translate } from '../i18n/translate.js';
import {
  inputValue,
  navigationActions,
  type StepCardModel,
  type StepContent,
  stepData,
} from '../step-card.model.js';

/**
 * Step 2: set up yourself, or hand the setup to a colleague. The colleague's email field sits in
 * its own part together with the button it belongs to, after "Yes, I will set up", so it does not
 * read as a field everyone must fill.
 */
export function renderWhoSetsUpStep(model: StepCardModel, t: Translate): StepContent {
  const email = inputValue(model, WHO_SETS_UP_INPUTS.handoffEmail, null);
  // "Yes, I will set up" must work with the email field left empty.
  const me = submit(t('whoSetsUp.me'), stepData(model, { action: 'next', choice: 'me' }), {
    style: 'positive',
    skipInputs: true,
  });
  const colleague = submit(
    t('whoSetsUp.colleague'),
    stepData(model, { action: 'next', choice: 'colleague' }),
  );
  const handOff: Container = {
    type: 'Container',
    separator: true,
    spacing: 'large',
    items: [
      paragraph(t('whoSetsUp.colleagueIntro'), { weight: 'bolder' }),
      note(t('whoSetsUp.hint')),
      emailInput(WHO_SETS_UP_INPUTS.handoffEmail, t('whoSetsUp.emailLabel'), email),
      ...fieldError(t, model.errors[WHO_SETS_UP_INPUTS.handoffEmail]),
      ...actionRows([colleague]),
    ],
  };
  return {
    body: [paragraph(t('whoSetsUp.question'), { weight: 'bolder' }), ...actionRows([me]), handOff],
    actions: navigationActions(model, t, { startOver: true }),
    text: [t('whoSetsUp.question'), `- ${t('whoSetsUp.me')}`, `- ${t('whoSetsUp.colleague')}`],
  };
}
