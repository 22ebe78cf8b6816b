import { type CardSpec, renderCardMessage } from '../../cards/card-messages.js';
import { renderShortNotice } from '../../cards/notices/short-notice.card.js';
import { buildStepCardModel } from '../../cards/step-card.model.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import { describePosition, type OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import { type CountryCatalog, findRegion } from '../directory/countries.js';
import type { OutgoingMessage } from '../webex/gateway.js';
import type { ConversationViews } from './views.js';

function toMessage(spec: CardSpec, locale: Locale): OutgoingMessage {
  const { card, text } = renderCardMessage(spec, locale);
  return { text, markdown: text, card: { ...card } };
}

/** The conversation's views, rendered by the pure card builders in `cards/`. */
export function createCardViews(countries: CountryCatalog): ConversationViews {
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
      const { orderId, partnerName, customerName, locale } = snapshot.context;
      const model = { orderId, fromEmail: from, partnerName, customerName, deadline: null };
      return toMessage({ kind: 'handoffInvite', model }, locale);
    },
    needsAttention(snapshot) {
      const reason = snapshot.context.attention ?? 'partner_org_incorrect';
      return toMessage(
        { kind: 'needsAttention', model: { orderId: snapshot.context.orderId, reason } },
        snapshot.context.locale,
      );
    },
    savedAndExited(snapshot, deadline) {
      const model = {
        orderId: snapshot.context.orderId,
        deadline: deadline?.at ?? null,
        ...(deadline === null ? {} : { timeZone: deadline.timeZone }),
      };
      return toMessage({ kind: 'savedAndExited', model }, snapshot.context.locale);
    },
    success(snapshot) {
      const { orderId, answers, locale } = snapshot.context;
      const region = answers.company === null ? undefined : findRegion(countries, answers.company.regionCode);
      const model = {
        orderId,
        customerName: answers.company?.name ?? snapshot.context.customerName,
        isPartner: answers.role !== 'customer',
        regionName: region === undefined ? null : region.name,
      };
      return toMessage({ kind: 'success', model }, locale);
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
