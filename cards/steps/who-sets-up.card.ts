import { WHO_SETS_UP_INPUTS } from '../../flows/steps/who-sets-up.step.js';
import { emailInput, fieldError, note, paragraph, submit } from '../card-kit.js';
import type { Translate } from '../i18n/translate.js';
import {
  inputValue,
  navigationActions,
  type StepCardModel,
  type StepContent,
  stepData,
} from '../step-card.model.js';

/** Step 2: set up yourself, or hand the setup to a colleague (their email is typed first). */
export function renderWhoSetsUpStep(model: StepCardModel, t: Translate): StepContent {
  const email = inputValue(model, WHO_SETS_UP_INPUTS.handoffEmail, null);
  return {
    body: [
      paragraph(t('whoSetsUp.question'), { weight: 'bolder' }),
      note(t('whoSetsUp.hint')),
      emailInput(t, WHO_SETS_UP_INPUTS.handoffEmail, t('whoSetsUp.emailLabel'), email, false),
      ...fieldError(t, model.errors[WHO_SETS_UP_INPUTS.handoffEmail]),
    ],
    actions: [
      // "Yes, I will set up" must work with the email field left empty.
      submit(t('whoSetsUp.me'), stepData(model, { action: 'next', choice: 'me' }), {
        style: 'positive',
        skipInputs: true,
      }),
      submit(t('whoSetsUp.colleague'), stepData(model, { action: 'next', choice: 'colleague' })),
      ...navigationActions(model, t, { startOver: true }),
    ],
    text: [t('whoSetsUp.question'), `- ${t('whoSetsUp.me')}`, `- ${t('whoSetsUp.colleague')}`],
  };
}
