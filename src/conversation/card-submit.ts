import { type ParsedCardAction, parseCardAction } from '../../flows/card-action.schema.js';
import { advanceOrderSetup } from '../../flows/order-setup.runtime.js';
import { factsNeeded, type SubmitFacts, validateSubmit } from '../../flows/order-setup.submit.js';
import type { IncomingCardSubmit } from '../webex/gateway.js';
import { type ConversationContext, reply } from './conversation-deps.js';
import { identifyEffects } from './effects.js';
import { lookUpMembership, lookUpPartnerOrg, lookUpTrial } from './facts.js';
import { type LoadedSetup, restoreSetup, stateOf } from './setup-session.js';
import { startOrResume } from './start-setup.js';
import { effectsOfTransition, sendTo } from './transition-effects.js';

/** A second click on the card that just advanced, within this window, is a double click: ignored. */
const DOUBLE_CLICK_MS = 15_000;

async function gatherFacts(ctx: ConversationContext, loaded: LoadedSetup, submit: ParsedCardAction) {
  const request = factsNeeded(loaded.snapshot, submit);
  const facts: SubmitFacts = {};
  if (request.membershipOf !== null) facts.belongsTo = await lookUpMembership(ctx, request.membershipOf);
  if (request.partnerOrgOf !== null) facts.partnerOrg = await lookUpPartnerOrg(ctx, request.partnerOrgOf);
  if (request.trial) facts.trial = await lookUpTrial(ctx, loaded.snapshot.context.trial?.orgId ?? null);
  return facts;
}

/** Re-sends the current step card (after a stale click, `resume`, a cancelled restart). */
async function resendStep(
  ctx: ConversationContext,
  event: IncomingCardSubmit,
  loaded: LoadedSetup,
  name: string,
) {
  await reply(ctx, event, name, ctx.views.step(loaded.snapshot, loaded.rev), loaded.doc._id);
}

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
  const stored = identifyEffects(orderId, rev, effects);
  const saved = await ctx.setups.advance(orderId, loaded.rev, stateOf(loaded.snapshot), stored, ctx.now());
  if (saved !== undefined) await ctx.effects.apply(orderId, stored);
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
  const doc = await ctx.setups.load(envelope.orderId);
  if (doc === undefined) {
    await reply(ctx, event, 'unknown', ctx.views.notice('unknownOrder', envelope.locale ?? 'en'));
    return;
  }
  const loaded = restoreSetup(doc);
  const { context } = loaded.snapshot;
  const person = event.personEmail.toLowerCase();
  if (context.ownerEmail !== person) {
    const kind = context.previousOwners.includes(person) ? 'setupMovedAway' : 'notOwner';
    await reply(
      ctx,
      event,
      'not-owner',
      ctx.views.notice(kind, context.locale, { owner: context.ownerEmail }),
    );
    return;
  }
  if (loaded.restartedBecause !== undefined) {
    await resetUnreadable(ctx, loaded, person);
    return;
  }
  if (loaded.snapshot.status !== 'active') {
    await reply(ctx, event, 'ended', ctx.views.notice('alreadyDone', context.locale));
    return;
  }
  if (envelope.rev !== loaded.rev) {
    const doubleClick =
      envelope.rev === loaded.rev - 1 && ctx.now().getTime() - doc.updatedAt.getTime() < DOUBLE_CLICK_MS;
    if (doubleClick) return;
    await reply(ctx, event, 'stale', ctx.views.notice('staleCard', context.locale));
    await resendStep(ctx, event, loaded, 'stale-step');
    return;
  }
  switch (envelope.action) {
    case 'resume':
    case 'restartCancel':
      await resendStep(ctx, event, loaded, 'resume');
      return;
    case 'restart':
      await reply(ctx, event, 'restart', ctx.views.restartConfirm(loaded.snapshot, loaded.rev), doc._id);
      return;
    case 'saveAndExit':
      await reply(ctx, event, 'saved', ctx.views.notice('saved', context.locale));
      return;
    default:
      break;
  }
  const facts = await gatherFacts(ctx, loaded, parsed);
  const result = validateSubmit(loaded.snapshot, parsed, facts, {
    countries: ctx.countries.countries.map((country) => ({ code: country.code, region: country.region })),
    sameDomainRequired: ctx.handoffSameDomain,
  });
  if (result.kind === 'invalid') {
    const form = { errors: result.errors, values: result.values };
    await reply(ctx, event, 'invalid', ctx.views.step(loaded.snapshot, loaded.rev, form), doc._id);
    return;
  }
  if (result.kind === 'stale') {
    await reply(ctx, event, 'stale', ctx.views.notice('staleCard', context.locale));
    await resendStep(ctx, event, loaded, 'stale-step');
    return;
  }
  if (result.kind !== 'event') {
    await reply(ctx, event, 'unsupported', ctx.views.notice('unreadableCard', context.locale));
    return;
  }
  const advanced = advanceOrderSetup(loaded.snapshot, result.event);
  if (advanced.kind === 'rejected') {
    await reply(ctx, event, 'rejected', ctx.views.notice('tryAgain', context.locale));
    await resendStep(ctx, event, loaded, 'rejected-step');
    return;
  }
  const rev = loaded.rev + 1;
  const effects = effectsOfTransition(advanced.snapshot, advanced.outcome, rev, person, ctx.views);
  const stored = identifyEffects(doc._id, rev, effects);
  const saved = await ctx.setups.advance(doc._id, loaded.rev, stateOf(advanced.snapshot), stored, ctx.now());
  // Lost the race: another click (or instance) saved first. Its effects carry the answer.
  if (saved === undefined) return;
  await ctx.effects.apply(doc._id, stored);
}
