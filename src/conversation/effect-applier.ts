import { createHash } from 'node:crypto';
import type { ClaimHolder } from '../directory/claims.js';
import type { Directory } from '../directory/directory.js';
import { normalizeEmail } from '../directory/emails.js';
import { webexOrgId } from '../directory/org-id.js';
import { createDocumentEffects, type OwnEffects } from '../effects/document-effects.js';
import type { EffectRun } from '../effects/effects.port.js';
import type { Owners } from '../effects/instances.js';
import type { Logger } from '../log/logger.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { Outbox } from '../outbox/outbox.js';
import type { SetupDocument, SetupState, SetupsRepository } from '../storage/setups.repository.js';
import type { WebexGateway } from '../webex/gateway.js';
import { planPartnerClaims } from './claims-plan.js';
import { returnRefusedSetup } from './completion-refusal.js';
import { createSetupMessageSender } from './direct-send.js';
import { type Completion, type Effect, parseStoredEffect } from './setup-effects.js';
import type { ConversationViews } from './views.js';

/** The setups' own effects, as a handler of theirs may use them. */
type SetupEffects = OwnEffects<SetupDocument, SetupState, Effect>;

export interface EffectApplierDeps {
  outbox: Outbox;
  /** Sends a transition's messages at once; without it (no Webex connection) they are queued. */
  gateway?: Pick<WebexGateway, 'sendMessage' | 'listDirectMessages'> | undefined;
  orders: OrdersService;
  directory: Directory;
  setups: SetupsRepository;
  /** Holds the domains and addresses a setup named but did not earn, for an operator. */
  claimHolder: ClaimHolder;
  provisioningWebhookUrl: string | undefined;
  /** The cards a refused completion sends back (the customer administrator step again). */
  views: ConversationViews;
  /** This instance, the owner of the work it commits. */
  owners: Owners;
  now: () => Date;
  logger: Logger;
}

/**
 * A stable organization id for what an order creates, so that applying the completion twice
 * (after a crash) finds the organization it created the first time instead of making another.
 */
function orgIdFor(orderId: string, what: 'partner' | 'customer'): string {
  const hex = createHash('sha256').update(`${what}:${orderId}`).digest('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return webexOrgId(uuid);
}

type Recorded = { ok: true; details: Record<string, unknown> } | { ok: false; reason: string };

/** A setup's effects: committed with each transition, carried out idempotently (see `effects/`). */
export function createEffectApplier(deps: EffectApplierDeps) {
  const { directory, now } = deps;
  const send = createSetupMessageSender({ gateway: deps.gateway, outbox: deps.outbox, logger: deps.logger });

  async function resolvePartner(orderId: string, completion: Completion): Promise<string | null | Recorded> {
    const partner = completion.partner;
    if (partner.mode === 'none') return null;
    if (partner.mode === 'existing') return partner.orgId;
    const plan = planPartnerClaims(completion.ownerEmail, partner.adminEmail);
    const orgId = orgIdFor(orderId, 'partner');
    const outcome = await directory.createPartnerOrg(
      {
        orgId,
        name: partner.name,
        adminEmail: partner.adminEmail,
        emailDomains: plan.domains,
        memberEmails: plan.members,
      },
      now(),
    );
    if (outcome.kind === 'created' || outcome.kind === 'unchanged' || outcome.kind === 'id_taken') {
      // Held, not claimed: an operator decides (a replay finds the claims it made the first time).
      const named = { orgId, orgKind: 'partner' as const, orgName: partner.name, orderId };
      for (const held of plan.held)
        await deps.claimHolder.hold({ ...named, ...held, requestedBy: completion.ownerEmail });
      return orgId;
    }
    const detail = outcome.kind === 'domain_taken' ? `domain ${outcome.domain}` : `email ${outcome.email}`;
    return {
      ok: false,
      reason: `partner_org_conflict: ${detail} already belongs to organization ${outcome.orgId}`,
    };
  }

  async function recordCompletion(orderId: string, completion: Completion): Promise<Recorded> {
    const partnerOrgId = await resolvePartner(orderId, completion);
    if (partnerOrgId !== null && typeof partnerOrgId === 'object') return partnerOrgId;
    let customerOrgId: string;
    let mappedOnCreate = false;
    if (completion.customer.mode === 'existing') {
      customerOrgId = completion.customer.orgId;
    } else {
      customerOrgId = orgIdFor(orderId, 'customer');
      // Only the owner's own address is earned; anyone else's waits for an operator.
      const adminHeld =
        normalizeEmail(completion.customerAdminEmail) !== normalizeEmail(completion.ownerEmail);
      const outcome = await directory.createCustomerOrg(
        {
          orgId: customerOrgId,
          name: completion.companyName,
          adminEmail: completion.customerAdminEmail,
          countryCode: completion.countryCode,
          region: completion.regionCode,
          ...(partnerOrgId === null ? {} : { partnerOrgId, forOrderId: orderId }),
          adminHeld,
        },
        now(),
      );
      if (adminHeld && outcome.kind !== 'email_taken' && outcome.kind !== 'partner_not_found')
        await deps.claimHolder.hold({
          kind: 'email',
          value: completion.customerAdminEmail,
          orgId: customerOrgId,
          orgKind: 'customer',
          orgName: completion.companyName,
          orderId,
          requestedBy: completion.ownerEmail,
        });
      if (outcome.kind === 'email_taken')
        return {
          ok: false,
          reason: `customer_admin_taken: ${outcome.email} already belongs to ${outcome.orgId}`,
        };
      if (outcome.kind === 'partner_not_found') return { ok: false, reason: 'partner_org_missing' };
      // Created just now for this order: its mapping was written with it.
      mappedOnCreate =
        outcome.kind === 'created' && outcome.org.mappings.some((mapping) => mapping.orderId === orderId);
    }
    if (partnerOrgId !== null && !mappedOnCreate) {
      const mapped = await directory.recordCustomerMapping({ customerOrgId, partnerOrgId, orderId }, now());
      if (mapped.kind !== 'recorded' && mapped.kind !== 'already_recorded')
        return { ok: false, reason: `mapping_refused: ${mapped.kind}` };
    }
    return {
      ok: true,
      details: {
        partnerOrgId,
        customerOrgId,
        customerOrgName:
          completion.customer.mode === 'existing' ? completion.customer.name : completion.companyName,
        customerAdminEmail: completion.customerAdminEmail,
        countryCode: completion.countryCode,
        region: completion.regionCode,
        contactCenterRegion: completion.contactCenterRegionCode ?? completion.regionCode,
        newCustomerOrg: completion.customer.mode === 'new',
      },
    };
  }

  async function applyOne(effect: Effect, run: EffectRun, own: SetupEffects): Promise<void> {
    switch (effect.kind) {
      case 'send':
        await send(effect, run);
        return;
      case 'orderStarted':
        await deps.orders.markSetupStarted(effect.orderId, effect.by);
        return;
      case 'orderProgress':
        await deps.orders.recordSetupProgress(effect.orderId, effect.progress, effect.by);
        return;
      case 'orderNeedsAttention':
        await deps.orders.markNeedsAttention(effect.orderId, effect.reason, effect.by);
        return;
      case 'orderReassigned':
        await deps.orders.reassignOwner(effect.orderId, effect.email, effect.by);
        return;
      case 'orderResolved':
        // `not_allowed` once the order moved on (resolved by someone else, cancelled): nothing to do.
        await deps.orders.resolveAttention(effect.orderId, effect.by);
        return;
      case 'orderCompletionRefused':
        await deps.orders.recordCompletionRefused(effect.orderId, effect.reason, effect.by);
        return;
      case 'complete': {
        const recorded = await recordCompletion(effect.orderId, effect.completion);
        if (!recorded.ok) {
          deps.logger.warn({ orderId: effect.orderId, reason: recorded.reason }, 'completion refused');
          // One the owner can fix goes back to them; anything else needs a person.
          const refusal = { setups: deps.setups, views: deps.views, effects: own };
          if (await returnRefusedSetup(refusal, effect.orderId, recorded.reason, 'system')) return;
          await deps.orders.markNeedsAttention(effect.orderId, recorded.reason, 'system');
          for (const notice of effect.notify?.failed ?? []) await applyOne(notice, run, own);
          return;
        }
        // The organizations are recorded: the person hears it first, the order follows at once.
        for (const notice of effect.notify?.done ?? []) await applyOne(notice, run, own);
        await deps.orders.markCompleted(effect.orderId, recorded.details, effect.by);
        if (deps.provisioningWebhookUrl !== undefined) {
          await deps.outbox.postWebhook(
            `provision:${effect.orderId}`,
            deps.provisioningWebhookUrl,
            {
              event: 'order.setup.completed',
              orderId: effect.orderId,
              completedAt: now().toISOString(),
              ...recorded.details,
            },
            { kind: 'provisioning', orderId: effect.orderId },
          );
        }
        return;
      }
    }
  }

  return createDocumentEffects({
    name: 'setups',
    store: deps.setups,
    // A refused completion commits the setup's next change from inside its effect: it is given
    // the setups' own effects to do that with.
    handler: (own: SetupEffects) => ({
      parse: parseStoredEffect,
      run: (_orderId, effect: Effect, run) => applyOne(effect, run, own),
    }),
    owners: deps.owners,
    now,
    logger: deps.logger,
  });
}

export type EffectApplier = ReturnType<typeof createEffectApplier>;
