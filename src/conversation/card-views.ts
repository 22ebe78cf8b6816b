import { type CardSpec, renderCardMessage } from '../../cards/card-messages.js';
import { renderShortNotice } from '../../cards/notices/short-notice.card.js';
import { buildSuccessModel } from '../../cards/notices/success.card.js';
import { buildStepCardModel } from '../../cards/step-card.model.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import { describePosition, type OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import type { CountryCatalog } from '../directory/countries.js';
import type { OutgoingMessage } from '../webex/gateway.js';
import type { ConversationViews } from './views.js';

/** A rendered card as a message: the card, and its text as the fallback and the markdown. */
export function toMessage(spec: CardSpec, locale: Locale): OutgoingMessage {
  const { card, text } = renderCardMessage(spec, locale);
  return { text, markdown: text, card: { ...card } };
}

/** What the views need besides the setup itself. */
export interface CardViewOptions {
  /** The "Getting started with Webex Contact Center" guide the success card links to. */
  gettingStartedUrl: string;
}

/**
 * The names of the order's partner and customer: the order's own, else those the setup collected
 * (the partner organization from its step, the company from the company step).
 */
function namesOf(snapshot: OrderSetupSnapshot) {
  const { partnerName, customerName, answers } = snapshot.context;
  const org = answers.partnerOrg;
  const collectedPartner = org === null ? null : org.mode === 'existing' ? org.name : org.companyName;
  return {
    partnerName: partnerName ?? collectedPartner,
    customerName: customerName ?? answers.company?.name ?? null,
  };
}

/** The conversation's views, rendered by the pure card builders in `cards/`. */
export function createCardViews(countries: CountryCatalog, options: CardViewOptions): ConversationViews {
  const positionOf = (snapshot: OrderSetupSnapshot) => {
    const position = describePosition(snapshot);
    return position.kind === 'step' ? position : undefined;
  };
  const views: ConversationViews = {
    step(snapshot, rev, form) {
      const model = buildStepCardModel(snapshot, {
        rev,
        countries,
        ...(form === undefined ? {} : { errors: form.errors, values: form.values }),
      });
      const locale = snapshot.context.locale;
      if (model === null)
        return snapshot.value === 'done' ? views.success(snapshot) : views.needsAttention(snapshot);
      return toMessage({ kind: 'step', model }, locale);
    },
    resumePrompt(snapshot, rev) {
      const position = positionOf(snapshot);
      if (position === undefined) return views.notice('alreadyDone', snapshot.context.locale);
      const model = { orderId: snapshot.context.orderId, rev, ...position };
      return toMessage({ kind: 'resumePrompt', model }, snapshot.context.locale);
    },
    restartConfirm(snapshot, rev) {
      const position = positionOf(snapshot);
      if (position === undefined) return views.notice('alreadyDone', snapshot.context.locale);
      const model = { orderId: snapshot.context.orderId, rev, view: position.view };
      return toMessage({ kind: 'restartConfirm', model }, snapshot.context.locale);
    },
    handedOff(snapshot, to) {
      return toMessage(
        { kind: 'handoffNotice', model: { orderId: snapshot.context.orderId, toEmail: to } },
        snapshot.context.locale,
      );
    },
    handOffInvite(snapshot, from) {
      const { orderId, locale } = snapshot.context;
      const model = { orderId, fromEmail: from, ...namesOf(snapshot), deadline: null };
      return toMessage({ kind: 'handoffInvite', model }, locale);
    },
    needsAttention(snapshot) {
      const reason = snapshot.context.attention ?? 'partner_org_incorrect';
      return toMessage(
        { kind: 'needsAttention', model: { orderId: snapshot.context.orderId, reason } },
        snapshot.context.locale,
      );
    },
    savedAndExited(snapshot, deadline, draftKept = false) {
      const model = {
        orderId: snapshot.context.orderId,
        draftKept,
        deadline: deadline?.at ?? null,
        ...(deadline === null ? {} : { timeZone: deadline.timeZone }),
      };
      return toMessage({ kind: 'savedAndExited', model }, snapshot.context.locale);
    },
    success(snapshot) {
      const model = buildSuccessModel(snapshot.context, countries, options.gettingStartedUrl);
      return toMessage({ kind: 'success', model }, snapshot.context.locale);
    },
    notice(kind, locale, params = {}) {
      const { card, text } = renderShortNotice(kind, locale, params);
      return { text, markdown: text, card: { ...card } };
    },
    help(locale, isAdmin) {
      return toMessage({ kind: 'help', model: { isAdmin } }, locale);
    },
  };
  return views;
}
