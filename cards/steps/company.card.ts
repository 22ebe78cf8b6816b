import { findCountry } from '../../flows/countries.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import { COMPANY_INPUTS } from '../../flows/steps/company.step.js';
import type { InputChoiceSet, InputText } from '../adaptive-card.types.js';
import { fieldError, note, paragraph, submit } from '../card-kit.js';
import { countryChoices, countryName, regionName } from '../country-labels.js';
import type { Translate } from '../i18n/translate.js';
import {
  inputValue,
  navigationActions,
  type StepCardModel,
  type StepContent,
  stepData,
} from '../step-card.model.js';

/**
 * Company name and country of operation; the country implies the data-residency region. No input
 * is `isRequired` (see `emailInput`): the bot checks them when the step is submitted.
 */
export function renderCompanyStep(model: StepCardModel, t: Translate, locale: Locale): StepContent {
  const saved = model.context.answers.company;
  const name: InputText = {
    type: 'Input.Text',
    id: COMPANY_INPUTS.companyName,
    label: t('company.nameLabel'),
    maxLength: 120,
  };
  const typedName = inputValue(model, COMPANY_INPUTS.companyName, saved?.name);
  if (typedName !== undefined) name.value = typedName;
  const country: InputChoiceSet = {
    type: 'Input.ChoiceSet',
    id: COMPANY_INPUTS.countryCode,
    label: t('company.countryLabel'),
    style: 'compact',
    placeholder: t('company.countryPlaceholder'),
    choices: countryChoices(model.countries, locale),
  };
  const chosenCode = inputValue(model, COMPANY_INPUTS.countryCode, saved?.countryCode);
  const chosen =
    chosenCode === undefined ? undefined : findCountry(model.countries, chosenCode.trim().toUpperCase());
  if (chosen !== undefined) country.value = chosen.code;
  const residency =
    chosen === undefined
      ? t('company.residency')
      : t('company.residencyChosen', {
          country: countryName(model.countries, chosen.code, locale),
          region: regionName(model.countries, chosen.region, locale),
        });
  return {
    body: [
      paragraph(t('company.intro')),
      name,
      ...fieldError(t, model.errors[COMPANY_INPUTS.companyName]),
      country,
      ...fieldError(t, model.errors[COMPANY_INPUTS.countryCode]),
      note(t('company.countryHint')),
      paragraph(residency, { spacing: 'medium' }),
      note(t('company.ccLocation')),
    ],
    actions: [
      submit(t('common.next'), stepData(model, { action: 'next' }), { style: 'positive' }),
      ...navigationActions(model, t, { startOver: true }),
    ],
    text: [t('company.intro'), residency, t('company.ccLocation')],
  };
}
