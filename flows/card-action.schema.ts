import { z } from 'zod';
import { localeSchema } from './order-setup.schemas.js';
import { VIEW_IDS } from './steps/index.js';

/**
 * The envelope every `Action.Submit` of every card carries in its `data`. Webex merges `data` with
 * the input values into one flat `inputs` object, so input ids must never reuse these keys
 * (`ENVELOPE_KEYS`). `step` and `rev` let the conversation recognise a click on an old card: cards
 * cannot be edited, so old ones stay clickable in the history.
 */

/** `invite` is the invitation (no conversation yet); `notice` is any card outside the steps. */
export const CARD_STEPS = [...VIEW_IDS, 'invite', 'notice'] as const;
export type CardStep = (typeof CARD_STEPS)[number];

export const CARD_ACTIONS = [
  /** Invitation: start the setup. Handled by the conversation, not the machine. */
  'start',
  /** Show the current step card again. Handled by the conversation, not the machine. */
  'resume',
  /** Submit the step (with `choice` when a button decides). Becomes a machine event. */
  'next',
  'back',
  /** Review: edit a section (`choice` = section). */
  'edit',
  /** Switch language (`locale`). */
  'setLocale',
  /** Ask for restart confirmation. Handled by the conversation, not the machine. */
  'restart',
  /** Confirmed restart: becomes `RESTART`. */
  'restartConfirm',
  /** Restart declined: show the current card again. Handled by the conversation, not the machine. */
  'restartCancel',
  /** Progress is saved after every step; this only says so. Handled by the conversation, not the machine. */
  'saveAndExit',
] as const;
export type CardActionName = (typeof CARD_ACTIONS)[number];

export const CARD_CHOICES = [
  'partner',
  'customer',
  'me',
  'colleague',
  'correct',
  'notCorrect',
  'confirm',
  'customerAdmin',
  'company',
] as const;
export type CardChoice = (typeof CARD_CHOICES)[number];

const revSchema = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
]);

export const cardActionEnvelopeSchema = z.object({
  orderId: z.string().trim().min(1).max(200),
  step: z.enum(CARD_STEPS),
  rev: revSchema,
  action: z.enum(CARD_ACTIONS),
  choice: z.enum(CARD_CHOICES).optional(),
  locale: localeSchema.optional(),
});
export type CardActionEnvelope = z.infer<typeof cardActionEnvelopeSchema>;

/** What a card sends in `data` (the input of `cardActionEnvelopeSchema`). */
export type CardActionData = z.input<typeof cardActionEnvelopeSchema>;

export const ENVELOPE_KEYS: readonly string[] = ['orderId', 'step', 'rev', 'action', 'choice', 'locale'];

/** Input values are capped so a forged submit cannot make the bot echo megabytes back. */
const MAX_INPUT_CHARS = 2_000;

export type ParsedCardAction = { envelope: CardActionEnvelope; inputs: Record<string, string> };

export type ParseCardActionResult = ({ ok: true } & ParsedCardAction) | { ok: false; issues: string[] };

/**
 * Splits a submitted `inputs` object into the envelope and the typed input values (strings only;
 * anything else is dropped). Never throws.
 */
export function parseCardAction(submitted: unknown): ParseCardActionResult {
  const envelope = cardActionEnvelopeSchema.safeParse(submitted);
  if (!envelope.success) {
    return {
      ok: false,
      issues: envelope.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`),
    };
  }
  const inputs: Record<string, string> = {};
  if (typeof submitted === 'object' && submitted !== null) {
    for (const [key, value] of Object.entries(submitted)) {
      if (!ENVELOPE_KEYS.includes(key) && typeof value === 'string')
        inputs[key] = value.slice(0, MAX_INPUT_CHARS);
    }
  }
  return { ok: true, envelope: envelope.data, inputs };
}
