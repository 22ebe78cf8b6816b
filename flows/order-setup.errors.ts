/**
 * The message keys a field error can carry. The card catalogs must have a message for each (a
 * type-level check in `cards/i18n` enforces it), so the flow names errors without knowing wording.
 */
export const FIELD_ERROR_KEYS = [
  'error.required',
  'error.invalid',
  'error.textTooLong',
  'error.nameMention',
  'error.nameLink',
  'error.nameHidden',
  'error.emailTooLong',
  'error.emailInvalid',
  'error.handoffSameAsOwner',
  'error.handoffOtherDomain',
  'error.partnerAdminInAnotherOrg',
  'error.customerAdminIsPartner',
  'error.customerAdminNotTrialAdmin',
  'error.customerAdminInAnotherOrg',
  'error.customerAdminTakenMeanwhile',
  'error.countryNotAllowed',
  'error.customerOrgNoneFound',
  'error.customerOrgAdminHasOrg',
  'error.customerOrgTrialNeedsExisting',
] as const;

export type FieldErrorKey = (typeof FIELD_ERROR_KEYS)[number];

/** Narrows a zod issue message to a known key; anything else becomes the generic `error.invalid`. */
export function toFieldErrorKey(message: string): FieldErrorKey {
  return FIELD_ERROR_KEYS.find((key) => key === message) ?? 'error.invalid';
}

/** Field errors by input id, ready to show next to each input of the same card. */
export type FieldErrors = Partial<Record<string, FieldErrorKey>>;
