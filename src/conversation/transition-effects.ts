import type { Outcome } from '../../flows/order-setup.runtime.js';
import type { OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import { answersResidency } from '../../flows/steps/customer-org.step.js';
import type { OutgoingMessage } from '../webex/gateway.js';
import { progressEffect } from './progress-effect.js';
import type { Completion, Effect, SendEffect } from './setup-effects.js';
import type { ConversationViews } from './views.js';

/** A message effect to one person, keyed by the transition it belongs to. */
export function sendTo(
  email: string,
  message: OutgoingMessage,
  orderId: string,
  key: string,
  kind = 'setup',
): SendEffect {
  const { text, markdown, card } = message;
  return {
    kind: 'send',
    key,
    target: { toPersonEmail: email },
    message: {
      text,
      ...(markdown === undefined ? {} : { markdown }),
      ...(card === undefined ? {} : { card }),
    },
    purpose: { kind, orderId },
  };
}

function completionOf(snapshot: OrderSetupSnapshot): Completion | undefined {
  const { context } = snapshot;
  const { answers } = context;
  const residency = answersResidency(answers);
  if (
    answers.customerAdminEmail === null ||
    answers.company === null ||
    answers.customerOrg === null ||
    residency === null
  )
    return undefined;
  const partner: Completion['partner'] =
    answers.partnerOrg === null
      ? { mode: 'none' }
      : answers.partnerOrg.mode === 'existing'
        ? { mode: 'existing', orgId: answers.partnerOrg.orgId, name: answers.partnerOrg.name }
        : { mode: 'create', name: answers.partnerOrg.companyName, adminEmail: answers.partnerOrg.adminEmail };
  return {
    partner,
    customer:
      answers.customerOrg.choice === 'existing'
        ? { mode: 'existing', orgId: answers.customerOrg.orgId, name: answers.customerOrg.name }
        : { mode: 'new' },
    customerAdminEmail: answers.customerAdminEmail,
    companyName: answers.company.name,
    countryCode: answers.company.countryCode,
    regionCode: residency.regionCode,
    contactCenterRegionCode: residency.contactCenterRegionCode,
    ownerEmail: context.ownerEmail,
    contactEmail: context.contactEmail,
    locale: context.locale,
  };
}

/**
 * The effects of one transition: the next card to whoever owns the setup now, the notes to people
 * it concerns, and the order's status. `rev` is the revision being written (it keys the messages).
 */
export function effectsOfTransition(
  after: OrderSetupSnapshot,
  outcome: Outcome,
  rev: number,
  by: string,
  views: ConversationViews,
): Effect[] {
  const { orderId, ownerEmail, contactEmail } = after.context;
  const key = (name: string) => `setup:${orderId}:${rev}:${name}`;
  const effects: Effect[] = [];
  switch (outcome.kind) {
    case 'completed': {
      // The owner, and the provisioning contact if someone else finished the setup for them.
      const people = contactEmail === ownerEmail ? [ownerEmail] : [ownerEmail, contactEmail];
      const tell = (name: string, message: OutgoingMessage) =>
        people.map((email, i) => sendTo(email, message, orderId, key(i === 0 ? name : `${name}-contact`)));
      const done = tell('success', views.success(after));
      const completion = completionOf(after);
      if (completion === undefined) return done;
      const failedNotice = views.notice('completionFailed', after.context.locale, { orderId });
      // Success is only said once the directory has recorded the organizations.
      const notify = { done, failed: tell('completion-failed', failedNotice) };
      effects.push({ kind: 'complete', orderId, completion, by, notify });
      return effects;
    }
    case 'needsAttention':
      effects.push(sendTo(ownerEmail, views.needsAttention(after), orderId, key('attention')));
      effects.push({ kind: 'orderNeedsAttention', orderId, reason: outcome.reason, by });
      return effects;
    case 'handedOff':
      effects.push(sendTo(outcome.from, views.handedOff(after, outcome.to), orderId, key('handed-off')));
      effects.push(
        sendTo(outcome.to, views.handOffInvite(after, outcome.from), orderId, key('handoff-invite')),
      );
      effects.push({ kind: 'orderReassigned', orderId, email: outcome.to, by });
      // The colleague gets one card, the invitation; its Continue setup shows the step.
      return withProgress(effects, after, by, rev);
    default:
      break;
  }
  effects.push(sendTo(ownerEmail, views.step(after, rev), orderId, key('step')));
  return withProgress(effects, after, by, rev);
}

function withProgress(effects: Effect[], after: OrderSetupSnapshot, by: string, rev: number): Effect[] {
  const progress = progressEffect(after, by, rev);
  if (progress !== undefined) effects.push(progress);
  return effects;
}
