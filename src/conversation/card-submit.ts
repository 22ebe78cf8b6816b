import { type ParsedCardAction, parseCardAction } from '../../flows/card-action.schema.js';
import { readSetupClick } from '../../flows/order-setup.click.js';
import { advanceOrderSetup } from '../../flows/order-setup.runtime.js';
import { isSetupEnded } from '../../flows/order-setup.steps.js';
import {
  describeSubmit,
  hasApplied,
  type LoadedSetup,
  repeatsLastSubmit,
  restoreSetup,
} from '../setups/setup-envelope.js';
import type { IncomingCardSubmit } from '../webex/gateway.js';
import {
  answerShowOnly,
  isClosedOrder,
  isShowOnlyAction,
  replyEnded,
  replyOrderClosed,
  resendStep,
} from './card-navigation.js';
import { type ConversationContext, reply } from './conversation-deps.js';
import { lookUpFacts } from './facts.js';
import { commitTransition } from './setup-session.js';
import { finishReplay, startOrResume } from './start-setup.js';
import { effectsOfTransition, sendTo } from './transition-effects.js';

/**
 * The same click again (same card, button and inputs) on the card that just advanced, within this
 * window, is a double click: ignored. Any other click on that card is told it is out of date. The
 * window is measured from when the click was received: a click processed again after a crash (the
 * very click that made the transition, received before it) stays silent however late it runs.
 */
const DOUBLE_CLICK_MS = 15_000;

/**
 * A stored setup this version cannot read (an old machine with no migration, or damaged data):
 * save a fresh start at step 1 and say sorry, rather than failing on every click.
 */
async function resetUnreadable(ctx: ConversationContext, loaded: LoadedSetup, person: string) {
  const orderId = loaded.doc._id;
  const rev = loaded.rev + 1;
  const locale = loaded.snapshot.context.locale;
  const effects = [
    sendTo(person, ctx.views.notice('setupReset', locale), orderId, `setup:${orderId}:${rev}:reset`),
    sendTo(person, ctx.views.step(loaded.snapshot, rev), orderId, `setup:${orderId}:${rev}:step`),
  ];
  ctx.logger.warn({ orderId, reason: loaded.restartedBecause }, 'stored setup unreadable; restarted it');
  await commitTransition(ctx.effects, loaded, loaded.snapshot, effects);
}

/** Whether the clicker owns the setup; if not, they are told who does (or that it is not theirs). */
async function checkOwner(ctx: ConversationContext, event: IncomingCardSubmit, loaded: LoadedSetup) {
  const { context } = loaded.snapshot;
  const person = event.personEmail.toLowerCase();
  if (context.ownerEmail === person) return true;
  if (context.previousOwners.includes(person)) {
    const notice = ctx.views.notice('setupMovedAway', context.locale, { owner: context.ownerEmail });
    await reply(ctx, event, 'not-owner', notice);
    return false;
  }
  // Someone who never owned it hears what they would for an order that does not exist.
  await reply(ctx, event, 'not-owner', ctx.views.notice('notYourOrder', 'en'));
  return false;
}

/**
 * One card click: recognise it, check who clicked and whether the card is current, validate the
 * inputs, advance the machine, and save the new state together with its effects in one write.
 * Nothing is saved unless the machine moved.
 */
export async function handleCardSubmit(ctx: ConversationContext, event: IncomingCardSubmit): Promise<void> {
  const parsed = parseCardAction(event.inputs);
  if (!parsed.ok) {
    ctx.logger.warn({ issues: parsed.issues }, 'unreadable card submit');
    await reply(ctx, event, 'unreadable', ctx.views.notice('unreadableCard', 'en'));
    return;
  }
  const { envelope } = parsed;
  if (envelope.action === 'start' || envelope.step === 'invite') {
    await startOrResume(ctx, event, envelope.orderId);
    return;
  }
  // Both by the order id, read in one round trip: the order is needed on every path that follows.
  const found = await ctx.setups.loadWithOrder(envelope.orderId);
  if (found === undefined) {
    // The same answer as to a stranger clicking an existing setup: nothing tells the two apart.
    await reply(ctx, event, 'not-owner', ctx.views.notice('notYourOrder', 'en'));
    return;
  }
  const doc = found.setup;
  if (hasApplied(doc, event.actionId)) {
    await finishReplay(ctx, doc);
    return;
  }
  const order = found.order === undefined ? undefined : ctx.orders.adoptRead(found.order);
  const loaded = restoreSetup(doc);
  if (!(await checkOwner(ctx, event, loaded))) return;
  if (order !== undefined && isClosedOrder(order)) {
    await replyOrderClosed(ctx, event, order);
    return;
  }
  if (loaded.restartedBecause !== undefined) {
    await resetUnreadable(ctx, loaded, event.personEmail.toLowerCase());
    return;
  }
  if (isSetupEnded(loaded.snapshot)) {
    await replyEnded(ctx, event, loaded);
    return;
  }
  if (isShowOnlyAction(envelope.action)) {
    await answerShowOnly(
      ctx,
      event,
      loaded,
      { ...parsed, envelope: { ...envelope, action: envelope.action } },
      order,
    );
    return;
  }
  if (envelope.rev !== loaded.rev) {
    // Events of one space are handled one at a time, so effects still pending here were left by
    // a failed apply: the person may never have seen the card they are being told is newer.
    if (doc.pendingEffects.length > 0) await ctx.effects.run({ id: doc._id, effects: doc.pendingEffects });
    const doubleClick =
      envelope.rev === loaded.rev - 1 &&
      (event.receivedAt ?? ctx.now()).getTime() - doc.updatedAt.getTime() < DOUBLE_CLICK_MS &&
      repeatsLastSubmit(doc, parsed);
    // The click that won already carries the answer (the next card).
    if (doubleClick) return;
    await replyStale(ctx, event, loaded);
    return;
  }
  await submitStep(ctx, event, loaded, parsed);
}

/** "That card is out of date", then the current step card (with Back where the step has it). */
async function replyStale(ctx: ConversationContext, event: IncomingCardSubmit, loaded: LoadedSetup) {
  await reply(ctx, event, 'stale', ctx.views.notice('staleCard', loaded.snapshot.context.locale));
  await resendStep(ctx, event, loaded, 'stale-step');
}

/**
 * A click that lost the race to save (another instance saved first): the same click again is
 * answered by the winner's effects; a different one is out of date, like on a single instance.
 */
async function answerLostRace(ctx: ConversationContext, event: IncomingCardSubmit, submit: ParsedCardAction) {
  const doc = await ctx.setups.load(submit.envelope.orderId);
  if (doc === undefined || repeatsLastSubmit(doc, submit)) return;
  const loaded = restoreSetup(doc);
  if (loaded.snapshot.status !== 'active') {
    await replyEnded(ctx, event, loaded);
    return;
  }
  await replyStale(ctx, event, loaded);
}

/** Validates a current card's submit and, if the machine moves, saves the transition with its effects. */
async function submitStep(
  ctx: ConversationContext,
  event: IncomingCardSubmit,
  loaded: LoadedSetup,
  submit: ParsedCardAction,
): Promise<void> {
  const { doc, snapshot } = loaded;
  const locale = snapshot.context.locale;
  const reading = readSetupClick(snapshot, submit, {
    countries: ctx.countries.countries.map((country) => ({ code: country.code, region: country.region })),
    sameDomainRequired: ctx.handoffSameDomain,
  });
  const { context } = snapshot;
  const partner = context.answers.partnerOrg;
  const viewer = {
    ownerEmail: context.ownerEmail,
    partnerOrgId: partner?.mode === 'existing' ? partner.orgId : null,
    trialOrgId: context.trial?.orgId ?? null,
  };
  const result =
    reading.kind === 'read' ? reading.toEvent(await lookUpFacts(ctx, reading.facts, viewer)) : reading;
  if (result.kind === 'invalid') {
    const form = { errors: result.errors, values: result.values };
    await reply(ctx, event, 'invalid', ctx.views.step(snapshot, loaded.rev, form), doc._id);
    return;
  }
  if (result.kind === 'stale') {
    await replyStale(ctx, event, loaded);
    return;
  }
  if (result.kind !== 'event') {
    await reply(ctx, event, 'unsupported', ctx.views.notice('unreadableCard', locale));
    await resendStep(ctx, event, loaded, 'unsupported-step');
    return;
  }
  const advanced = advanceOrderSetup(snapshot, result.event);
  if (advanced.kind === 'rejected') {
    await reply(ctx, event, 'rejected', ctx.views.notice('tryAgain', locale));
    await resendStep(ctx, event, loaded, 'rejected-step');
    return;
  }
  const rev = loaded.rev + 1;
  const person = event.personEmail.toLowerCase();
  const effects = effectsOfTransition(advanced.snapshot, advanced.outcome, rev, person, ctx.views);
  // Effects an earlier failure left behind run first, so nothing waits for a restart.
  const saved = await commitTransition(ctx.effects, loaded, advanced.snapshot, effects, {
    submit: describeSubmit(submit),
    eventId: event.actionId,
  });
  if (saved === undefined) await answerLostRace(ctx, event, submit);
}
