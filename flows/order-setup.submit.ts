import type { ParsedCardAction } from './card-action.schema.js';
import type { FieldErrorKey, FieldErrors } from './order-setup.errors.js';
import type { OrderSetupEvent } from './order-setup.events.js';
import {
  createCompanyInputSchema,
  customerAdminInputSchema,
  customerOrgInputSchema,
  handOffInputSchema,
  parseInputs,
  partnerOrgInputSchema,
  VIEW_INPUTS,
} from './order-setup.inputs.js';
import {
  checkCustomerAdmin,
  checkHandOff,
  checkPartnerAdmin,
  decideCustomerOrg,
} from './order-setup.rules.js';
import type { Membership, PartnerOrgFound, Trial } from './order-setup.schemas.js';
import { currentView, type OrderSetupSnapshot, type ViewId } from './order-setup.steps.js';

/** Look-ups the dispatcher must make before `validateSubmit` (all null/false: none). */
export interface FactsRequest {
  /** The organization this address belongs to → `facts.belongsTo`. */
  membershipOf: string | null;
  /** The partner organization of this address → `facts.partnerOrg`. */
  partnerOrgOf: string | null;
  /** The order's trial, looked up again (it may have expired) → `facts.trial` (null: no trial). */
  trial: boolean;
}

/** The answers to a `FactsRequest`. A requested fact left undefined is a dispatcher bug (throws). */
export interface SubmitFacts {
  belongsTo?: Membership | null;
  partnerOrg?: PartnerOrgFound | null;
  trial?: Trial | null;
}

export interface SubmitOptions {
  /** The allowed countries (from the countries file): code and data-residency region code. */
  countries: ReadonlyArray<{ code: string; region: string }>;
  /** Whether a hand-off colleague must share the owner's email domain. */
  sameDomainRequired: boolean;
}

export type SubmitResult =
  /** Send this event with `advanceOrderSetup`. */
  | { kind: 'event'; event: OrderSetupEvent }
  /** Re-send the same card with `values` kept and each error under its field; save nothing. */
  | { kind: 'invalid'; errors: FieldErrors; values: Record<string, string> }
  /** start, resume, restart, restartCancel, saveAndExit: the dispatcher handles these itself. */
  | { kind: 'dispatcher' }
  /** The card is for another step than the current one. */
  | { kind: 'stale' }
  /** The action or choice makes no sense on this step (a forged or malformed submit). */
  | { kind: 'unsupported' };

const NO_FACTS: FactsRequest = { membershipOf: null, partnerOrgOf: null, trial: false };

/** Which directory facts the submit needs, from the typed (not yet validated) inputs. */
export function factsNeeded(snapshot: OrderSetupSnapshot, submit: ParsedCardAction): FactsRequest {
  const { envelope, inputs } = submit;
  const view = currentView(snapshot);
  if (envelope.action !== 'next' || view === null || envelope.step !== view) return NO_FACTS;
  const { context } = snapshot;
  switch (view) {
    case 'whoSetsUp': {
      const parsed = handOffInputSchema.safeParse(inputs);
      const needed = envelope.choice === 'colleague' && context.answers.role === 'partner' && parsed.success;
      return needed ? { ...NO_FACTS, partnerOrgOf: parsed.data.handoffEmail } : NO_FACTS;
    }
    case 'partnerOrg': {
      const parsed = partnerOrgInputSchema.safeParse(inputs);
      const needed = context.partnerOrgFound === null && parsed.success;
      return needed ? { ...NO_FACTS, membershipOf: parsed.data.partnerAdminEmail } : NO_FACTS;
    }
    case 'customerAdmin': {
      const parsed = customerAdminInputSchema.safeParse(inputs);
      return parsed.success
        ? { ...NO_FACTS, membershipOf: parsed.data.customerAdminEmail, trial: true }
        : NO_FACTS;
    }
    case 'customerOrg':
      return { ...NO_FACTS, membershipOf: context.answers.customerAdminEmail, trial: true };
    default:
      return NO_FACTS;
  }
}

function need<K extends keyof SubmitFacts>(facts: SubmitFacts, key: K): NonNullable<SubmitFacts[K]> | null {
  const value = facts[key];
  if (value === undefined)
    throw new Error(`validateSubmit: fact "${key}" was requested by factsNeeded but not given`);
  return value ?? null;
}

/**
 * Turns a card submit into the machine event, or field errors for the same card. Pure; the facts
 * must answer `factsNeeded(snapshot, submit)`. The machine's guards apply the same rules again.
 */
export function validateSubmit(
  snapshot: OrderSetupSnapshot,
  submit: ParsedCardAction,
  facts: SubmitFacts,
  options: SubmitOptions,
): SubmitResult {
  const { envelope } = submit;
  const view = currentView(snapshot);
  switch (envelope.action) {
    case 'start':
    case 'resume':
    case 'restart':
    case 'restartCancel':
    case 'saveAndExit':
      return { kind: 'dispatcher' };
    default:
      break;
  }
  if (view === null || envelope.step !== view) return { kind: 'stale' };
  switch (envelope.action) {
    case 'restartConfirm':
      return event({ type: 'RESTART' });
    case 'setLocale':
      return envelope.locale === undefined
        ? { kind: 'unsupported' }
        : event({ type: 'SET_LOCALE', locale: envelope.locale });
    case 'back':
      return view === 'role' ? { kind: 'unsupported' } : event({ type: 'BACK' });
    case 'edit': {
      const section = envelope.choice;
      const ok =
        view === 'review' && (section === 'partner' || section === 'customerAdmin' || section === 'company');
      return ok ? event({ type: 'EDIT', section }) : { kind: 'unsupported' };
    }
    default:
      return validateNext(view, snapshot, submit, facts, options);
  }
}

function event(e: OrderSetupEvent): SubmitResult {
  return { kind: 'event', event: e };
}

function invalid(view: ViewId, inputs: Record<string, string>, errors: FieldErrors): SubmitResult {
  const values: Record<string, string> = {};
  for (const id of VIEW_INPUTS[view] ?? []) {
    const value = inputs[id];
    if (value !== undefined) values[id] = value;
  }
  return { kind: 'invalid', errors, values };
}

function fieldError(view: ViewId, inputs: Record<string, string>, field: string, key: FieldErrorKey | null) {
  return key === null ? null : invalid(view, inputs, { [field]: key });
}

function validateNext(
  view: ViewId,
  snapshot: OrderSetupSnapshot,
  { envelope, inputs }: ParsedCardAction,
  facts: SubmitFacts,
  options: SubmitOptions,
): SubmitResult {
  const { context } = snapshot;
  const choice = envelope.choice;
  switch (view) {
    case 'role':
      return choice === 'partner' || choice === 'customer'
        ? event({ type: 'CHOOSE_ROLE', role: choice })
        : { kind: 'unsupported' };
    case 'whoSetsUp': {
      if (choice === 'me') return event({ type: 'SET_UP_MYSELF' });
      if (choice !== 'colleague') return { kind: 'unsupported' };
      const parsed = parseInputs(handOffInputSchema, inputs);
      if (!parsed.ok) return invalid(view, inputs, parsed.errors);
      const email = parsed.data.handoffEmail;
      const error = checkHandOff(email, context.ownerEmail, options.sameDomainRequired);
      const partnerOrg = context.answers.role === 'partner' ? need(facts, 'partnerOrg') : null;
      return (
        fieldError(view, inputs, 'handoffEmail', error) ??
        event({
          type: 'HAND_OFF',
          email,
          sameDomainRequired: options.sameDomainRequired,
          facts: { partnerOrg },
        })
      );
    }
    case 'partnerOrg': {
      if (context.partnerOrgFound !== null) {
        if (choice === 'correct') return event({ type: 'PARTNER_ORG_CORRECT' });
        return choice === 'notCorrect' ? event({ type: 'PARTNER_ORG_INCORRECT' }) : { kind: 'unsupported' };
      }
      const parsed = parseInputs(partnerOrgInputSchema, inputs);
      if (!parsed.ok) return invalid(view, inputs, parsed.errors);
      const belongsTo = need(facts, 'belongsTo');
      const { partnerAdminEmail: adminEmail, partnerCompanyName: companyName } = parsed.data;
      return (
        fieldError(view, inputs, 'partnerAdminEmail', checkPartnerAdmin(belongsTo)) ??
        event({ type: 'SUBMIT_PARTNER_ORG', adminEmail, companyName, facts: { belongsTo } })
      );
    }
    case 'customerAdmin': {
      const parsed = parseInputs(customerAdminInputSchema, inputs);
      if (!parsed.ok) return invalid(view, inputs, parsed.errors);
      const customerFacts = { belongsTo: need(facts, 'belongsTo'), trial: need(facts, 'trial') };
      const email = parsed.data.customerAdminEmail;
      return (
        fieldError(view, inputs, 'customerAdminEmail', checkCustomerAdmin(email, context, customerFacts)) ??
        event({ type: 'SUBMIT_CUSTOMER_ADMIN', email, facts: customerFacts })
      );
    }
    case 'company': {
      const schema = createCompanyInputSchema(options.countries.map((c) => c.code));
      const parsed = parseInputs(schema, inputs);
      if (!parsed.ok) return invalid(view, inputs, parsed.errors);
      const country = options.countries.find((c) => c.code === parsed.data.countryCode);
      if (country === undefined) return invalid(view, inputs, { countryCode: 'error.countryNotAllowed' });
      const { companyName: name } = parsed.data;
      return event({
        type: 'SUBMIT_COMPANY',
        name,
        country: { code: country.code, regionCode: country.region },
      });
    }
    case 'customerOrg': {
      const parsed = parseInputs(customerOrgInputSchema, inputs);
      if (!parsed.ok) return invalid(view, inputs, parsed.errors);
      const customerFacts = { belongsTo: need(facts, 'belongsTo'), trial: need(facts, 'trial') };
      const decision = decideCustomerOrg(parsed.data.orgChoice, customerFacts);
      if (decision.kind === 'error') return invalid(view, inputs, { orgChoice: decision.key });
      return event({ type: 'SUBMIT_CUSTOMER_ORG', choice: parsed.data.orgChoice, facts: customerFacts });
    }
    case 'customerOrgConfirm':
      if (choice === 'correct') return event({ type: 'CONFIRM_EXISTING_ORG' });
      return choice === 'notCorrect' ? event({ type: 'EXISTING_ORG_INCORRECT' }) : { kind: 'unsupported' };
    case 'review':
      return choice === 'confirm' ? event({ type: 'CONFIRM' }) : { kind: 'unsupported' };
  }
}
