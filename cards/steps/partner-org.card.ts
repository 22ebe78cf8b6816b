import { PARTNER_ORG_INPUTS } from '../../flows/steps/partner-org.step.js';
import type { InputText } from '../adaptive-card.types.js';
import { emailInput, factSet, fieldError, note, paragraph, submit } from '../card-kit.js';
import type { Translate } from '../i18n/translate.js';
import {
  inputValue,
  navigationActions,
  type StepCardModel,
  type StepContent,
  stepData,
} from '../step-card.model.js';

/** Step 3 (partners): review the partner organization found, or create it on a first order. */
export function renderPartnerOrgStep(model: StepCardModel, t: Translate): StepContent {
  const found = model.context.partnerOrgFound;
  if (found !== null) {
    const facts: Array<[string, string]> = [
      [t('label.organization'), found.name],
      [t('label.organizationId'), found.orgId],
      [t('label.administrator'), found.adminEmail],
    ];
    return {
      body: [
        paragraph(t('partnerOrg.reviewIntro')),
        // The id is one long word: in a fact's column it cannot wrap and widens the card past
        // a phone's width, so it gets a line of its own, where it wraps.
        factSet(facts.filter(([title]) => title !== t('label.organizationId'))),
        paragraph(`${t('label.organizationId')}: ${found.orgId}`, { size: 'small', spacing: 'small' }),
        note(t('partnerOrg.reviewHint')),
      ],
      actions: [
        submit(t('common.correct'), stepData(model, { action: 'next', choice: 'correct' }), {
          style: 'positive',
        }),
        submit(t('common.notCorrect'), stepData(model, { action: 'next', choice: 'notCorrect' }), {
          style: 'destructive',
        }),
        ...navigationActions(model, t, { startOver: true }),
      ],
      text: [t('partnerOrg.reviewIntro'), ...facts.map(([title, value]) => `${title}: ${value}`)],
    };
  }
  const saved = model.context.answers.partnerOrg;
  const created = saved?.mode === 'create' ? saved : null;
  const companyName: InputText = {
    type: 'Input.Text',
    id: PARTNER_ORG_INPUTS.partnerCompanyName,
    label: t('partnerOrg.companyNameLabel'),
    maxLength: 120,
  };
  const typedName = inputValue(model, PARTNER_ORG_INPUTS.partnerCompanyName, created?.companyName);
  if (typedName !== undefined) companyName.value = typedName;
  return {
    body: [
      paragraph(t('partnerOrg.createIntro')),
      emailInput(
        PARTNER_ORG_INPUTS.partnerAdminEmail,
        t('partnerOrg.adminEmailLabel'),
        inputValue(model, PARTNER_ORG_INPUTS.partnerAdminEmail, created?.adminEmail),
      ),
      ...fieldError(t, model.errors[PARTNER_ORG_INPUTS.partnerAdminEmail]),
      companyName,
      ...fieldError(t, model.errors[PARTNER_ORG_INPUTS.partnerCompanyName]),
    ],
    actions: [
      submit(t('common.next'), stepData(model, { action: 'next' }), { style: 'positive' }),
      ...navigationActions(model, t, { startOver: true }),
    ],
    text: [t('partnerOrg.createIntro')],
  };
}
