import type { Role } from '../order-setup.schemas.js';
import { COMPANY_INPUTS, companyStep } from './company.step.js';
import { CUSTOMER_ADMIN_INPUTS, customerAdminStep } from './customer-admin.step.js';
import { CUSTOMER_ORG_INPUTS, customerOrgStep } from './customer-org.step.js';
import { PARTNER_ORG_INPUTS, partnerOrgStep } from './partner-org.step.js';
import { reviewStep } from './review.step.js';
import { roleStep } from './role.step.js';
import { WHO_SETS_UP_INPUTS, whoSetsUpStep } from './who-sets-up.step.js';

/** The setup steps, in the order a person meets them ("Step n of N"). */
export const SETUP_STEPS = [
  roleStep,
  whoSetsUpStep,
  partnerOrgStep,
  customerAdminStep,
  companyStep,
  customerOrgStep,
  reviewStep,
] as const;

export type AnySetupStep = (typeof SETUP_STEPS)[number];
export type StepId = AnySetupStep['id'];
/** A step card; a step has one, except customerOrg, which also confirms an existing organization. */
export type ViewId = AnySetupStep['views'][number];

/** The numbered steps a person sees. */
export const STEP_IDS: readonly StepId[] = SETUP_STEPS.map((step) => step.id);

/** The cards of the steps. A card's `step` field carries its view id. */
export const VIEW_IDS: readonly ViewId[] = SETUP_STEPS.flatMap((step) => step.views);

/**
 * The input ids of all step cards. Ids never collide with the action envelope keys (orderId, step,
 * rev, action, choice, locale): Webex merges the two into one object.
 */
export const INPUT_IDS = {
  ...WHO_SETS_UP_INPUTS,
  ...PARTNER_ORG_INPUTS,
  ...CUSTOMER_ADMIN_INPUTS,
  ...COMPANY_INPUTS,
  ...CUSTOMER_ORG_INPUTS,
} as const;
export type InputId = keyof typeof INPUT_IDS;

/** The step a card belongs to. */
export function stepOfView(view: ViewId): AnySetupStep {
  const found = SETUP_STEPS.find((step) => step.views.some((v) => v === view));
  if (found === undefined) throw new Error(`no setup step shows the view "${view}"`);
  return found;
}

/** The steps for a role; before the role is chosen, the longer (partner) path is assumed. */
export function stepsFor(role: Role | null): readonly StepId[] {
  return SETUP_STEPS.filter((step) => step.shownTo(role)).map((step) => step.id);
}
