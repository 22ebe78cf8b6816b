import type { Locale } from '../../flows/order-setup.schemas.js';
import type { StepId, ViewId } from '../../flows/steps/index.js';
import type { AdaptiveCard } from '../adaptive-card.types.js';
import { submit } from '../card-kit.js';
import { type Translate, translator } from '../i18n/translate.js';
import { createNoticeCard, createNoticeText } from './notice-kit.js';

/** Shown when the owner types while a setup is in progress: continue, or start over. */
export interface ResumePromptModel {
  orderId: string;
  rev: number;
  view: ViewId;
  step: StepId;
  n: number;
  total: number;
}

function body(model: ResumePromptModel, t: Translate): string {
  return t('resumePrompt.body', {
    orderId: model.orderId,
    n: model.n,
    total: model.total,
    step: t(`step.${model.step}`),
  });
}

export function renderResumePromptCard(model: ResumePromptModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  const data = { orderId: model.orderId, step: model.view, rev: model.rev };
  return createNoticeCard(
    t,
    t('resumePrompt.title'),
    [body(model, t)],
    [
      submit(t('resumePrompt.resume'), { ...data, action: 'resume' }, { style: 'positive' }),
      submit(t('common.startOver'), { ...data, action: 'restart' }),
    ],
  );
}

export function renderResumePromptText(model: ResumePromptModel, locale: Locale): string {
  const t = translator(locale);
  return createNoticeText(t, t('resumePrompt.title'), [body(model, t)], true);
}
