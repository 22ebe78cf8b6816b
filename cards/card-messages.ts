import type { Locale } from '../flows/order-setup.schemas.js';
import type { CardMessage } from './adaptive-card.types.js';
import {
  type HandoffInviteModel,
  renderHandoffInviteCard,
  renderHandoffInviteText,
} from './notices/handoff-invite.card.js';
import {
  type HandoffNoticeModel,
  renderHandoffNoticeCard,
  renderHandoffNoticeText,
} from './notices/handoff-notice.card.js';
import { type HelpModel, renderHelpCard, renderHelpText } from './notices/help.card.js';
import {
  type InvitationModel,
  renderInvitationCard,
  renderInvitationText,
} from './notices/invitation.card.js';
import {
  type NeedsAttentionModel,
  renderNeedsAttentionCard,
  renderNeedsAttentionText,
} from './notices/needs-attention.card.js';
import { type ReminderModel, renderReminderCard, renderReminderText } from './notices/reminder.card.js';
import {
  type RestartConfirmModel,
  renderRestartConfirmCard,
  renderRestartConfirmText,
} from './notices/restart-confirm.card.js';
import {
  type ResumePromptModel,
  renderResumePromptCard,
  renderResumePromptText,
} from './notices/resume-prompt.card.js';
import {
  renderSavedAndExitedCard,
  renderSavedAndExitedText,
  type SavedAndExitedModel,
} from './notices/saved-and-exited.card.js';
import { renderStaleCard, renderStaleText, type StaleCardModel } from './notices/stale-card.card.js';
import { renderSuccessCard, renderSuccessText, type SuccessModel } from './notices/success.card.js';
import {
  renderUpgradeRestartCard,
  renderUpgradeRestartText,
  type UpgradeRestartModel,
} from './notices/upgrade-restart.card.js';
import { renderStepCard, renderStepText } from './step.card.js';
import type { StepCardModel } from './step-card.model.js';

/** Every message the bot sends with a card, by kind, with its model. */
export type CardSpec =
  | { kind: 'step'; model: StepCardModel }
  | { kind: 'invitation'; model: InvitationModel }
  | { kind: 'stale'; model: StaleCardModel }
  | { kind: 'resumePrompt'; model: ResumePromptModel }
  | { kind: 'restartConfirm'; model: RestartConfirmModel }
  | { kind: 'savedAndExited'; model: SavedAndExitedModel }
  | { kind: 'handoffNotice'; model: HandoffNoticeModel }
  | { kind: 'handoffInvite'; model: HandoffInviteModel }
  | { kind: 'needsAttention'; model: NeedsAttentionModel }
  | { kind: 'success'; model: SuccessModel }
  | { kind: 'reminder'; model: ReminderModel }
  | { kind: 'upgradeRestart'; model: UpgradeRestartModel }
  | { kind: 'help'; model: HelpModel };

/** The card and its plain-text fallback, ready for `attachments` and `markdown`/`text`. */
export function renderCardMessage(spec: CardSpec, locale: Locale): CardMessage {
  switch (spec.kind) {
    case 'step':
      return { card: renderStepCard(spec.model, locale), text: renderStepText(spec.model, locale) };
    case 'invitation':
      return {
        card: renderInvitationCard(spec.model, locale),
        text: renderInvitationText(spec.model, locale),
      };
    case 'stale':
      return { card: renderStaleCard(spec.model, locale), text: renderStaleText(spec.model, locale) };
    case 'resumePrompt':
      return {
        card: renderResumePromptCard(spec.model, locale),
        text: renderResumePromptText(spec.model, locale),
      };
    case 'restartConfirm':
      return {
        card: renderRestartConfirmCard(spec.model, locale),
        text: renderRestartConfirmText(spec.model, locale),
      };
    case 'savedAndExited':
      return {
        card: renderSavedAndExitedCard(spec.model, locale),
        text: renderSavedAndExitedText(spec.model, locale),
      };
    case 'handoffNotice':
      return {
        card: renderHandoffNoticeCard(spec.model, locale),
        text: renderHandoffNoticeText(spec.model, locale),
      };
    case 'handoffInvite':
      return {
        card: renderHandoffInviteCard(spec.model, locale),
        text: renderHandoffInviteText(spec.model, locale),
      };
    case 'needsAttention':
      return {
        card: renderNeedsAttentionCard(spec.model, locale),
        text: renderNeedsAttentionText(spec.model, locale),
      };
    case 'success':
      return { card: renderSuccessCard(spec.model, locale), text: renderSuccessText(spec.model, locale) };
    case 'reminder':
      return { card: renderReminderCard(spec.model, locale), text: renderReminderText(spec.model, locale) };
    case 'upgradeRestart':
      return {
        card: renderUpgradeRestartCard(spec.model, locale),
        text: renderUpgradeRestartText(spec.model, locale),
      };
    case 'help':
      return { card: renderHelpCard(spec.model, locale), text: renderHelpText(spec.model, locale) };
  }
}
