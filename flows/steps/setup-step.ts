import type { z } from 'zod';
import { type FieldErrorKey, type FieldErrors, toFieldErrorKey } from '../order-setup.errors.js';
import type { Membership, OrderSetupContext, PartnerOrgFound, Role, Trial } from '../order-setup.schemas.js';

/**
 * The shape every setup step module has: the ids of its inputs, how a click on its card becomes
 * the step's typed event (the inputs parsed with the step's schema, the directory facts it needs,
 * its rule), and the guards the machine uses on that event. Steps know nothing of the machine or of
 * the cards: a step names its cards by view id, and `cards/step.card.ts` renders each.
 */

/** What a click on a step card sent: its button's choice and the raw input values (strings). */
export interface StepClick {
  view: string;
  choice: string | undefined;
  inputs: Readonly<Record<string, string>>;
}

/** Deployment settings some steps decide on. */
export interface StepOptions {
  /** The allowed countries (from the countries file): code and data-residency region code. */
  countries: ReadonlyArray<{ code: string; region: string }>;
  /** Whether a hand-off colleague must share the owner's email domain. */
  sameDomainRequired: boolean;
}

/** Look-ups the conversation must make before the event can be built (all null/false: none). */
export interface FactsRequest {
  /** The organization this address belongs to → `facts.belongsTo`. */
  membershipOf: string | null;
  /** The partner organization of this address → `facts.partnerOrg`. */
  partnerOrgOf: string | null;
  /** The order's trial, looked up again (it may have expired) → `facts.trial` (null: no trial). */
  trial: boolean;
}

/** The answers to a `FactsRequest`. A requested fact left undefined is a bug of the conversation (throws). */
export interface StepFacts {
  belongsTo?: Membership | null;
  partnerOrg?: PartnerOrgFound | null;
  trial?: Trial | null;
}

export const NO_FACTS: FactsRequest = { membershipOf: null, partnerOrgOf: null, trial: false };

/** The event of a step once its facts are known, or the errors to show under each field. */
export type StepOutcome<E> = { kind: 'event'; event: E } | { kind: 'invalid'; errors: FieldErrors };

/** A click read by its step: nonsense, field errors, or typed inputs waiting for their facts. */
export type StepReading<E> =
  | { kind: 'unsupported' }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'read'; facts: FactsRequest; toEvent: (facts: StepFacts) => StepOutcome<E> };

/** Guards and answers see the context and an event already checked by its schema at the machine's door. */
export type StepEventArgs = { context: OrderSetupContext; event: { type: string } };

/** What a step's event changes in the context: the machine `assign`s it. */
export type StepUpdate = (args: StepEventArgs) => Partial<OrderSetupContext>;

export interface SetupStep<Id extends string, View extends string, E extends { type: string }> {
  readonly id: Id;
  /** The step's cards, by view id (the first is the step's own card); also the card's `step` field. */
  readonly views: readonly [View, ...View[]];
  /** The ids of the step's inputs, so typed values can be shown again after an error. */
  readonly inputIds: readonly string[];
  /** The events the step produces, checked once where events enter the machine. */
  readonly eventSchema: z.ZodType<E>;
  /** Whether a person in this role sees the step (null: no role chosen yet). */
  shownTo(role: Role | null): boolean;
  /** Reads a `next` click on one of the step's cards. */
  readNext(click: StepClick, context: OrderSetupContext, options: StepOptions): StepReading<E>;
  /** Reads an `edit` click (review only). */
  readEdit?(click: StepClick, context: OrderSetupContext): StepReading<E>;
}

/** Declares a step, keeping its ids literal so the registry can derive the step and view lists. */
export function defineStep<const Id extends string, const View extends string, E extends { type: string }>(
  step: SetupStep<Id, View, E>,
): SetupStep<Id, View, E> {
  return step;
}

/** A type guard for one event type, for guards that trust the already-checked event. */
export function isEventOf<E extends { type: string }>(type: E['type']) {
  return (event: { type: string }): event is E => event.type === type;
}

export const UNSUPPORTED = { kind: 'unsupported' } as const;

/** A click that needs no look-up: its event is known now. */
export function readEvent<E>(event: E): StepReading<E> {
  return { kind: 'read', facts: NO_FACTS, toEvent: () => ({ kind: 'event', event }) };
}

/** The event, unless the rule found an error for `field`. */
export function unlessError<E>(field: string, error: FieldErrorKey | null, event: E): StepOutcome<E> {
  return error === null ? { kind: 'event', event } : { kind: 'invalid', errors: { [field]: error } };
}

/** A fact the step asked for; throws if the conversation did not look it up (a bug, not bad input). */
export function need<K extends keyof StepFacts>(facts: StepFacts, key: K): NonNullable<StepFacts[K]> | null {
  const value = facts[key];
  if (value === undefined)
    throw new Error(`step facts: fact "${key}" was requested by the step but not given`);
  return value ?? null;
}

/** Parses `inputs` with `schema`; errors keyed by input id, the first error of each field only. */
export function parseInputs<T>(
  schema: z.ZodType<T>,
  inputs: Readonly<Record<string, string>>,
): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(inputs);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field !== '' && errors[field] === undefined) errors[field] = toFieldErrorKey(issue.message);
  }
  return { ok: false, errors };
}
