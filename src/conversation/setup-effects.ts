import { z } from 'zod';

/**
 * Side effects of a setup transition. They are saved in the same atomic write as the new state
 * (see `effects/`), then applied; every one is idempotent, so applying one twice after a crash
 * changes nothing the second time.
 */

const targetSchema = z.union([z.object({ toPersonEmail: z.string() }), z.object({ roomId: z.string() })]);

const messageSchema = z.object({
  text: z.string(),
  markdown: z.string().optional(),
  card: z.record(z.string(), z.unknown()).optional(),
});

const progressSchema = z.object({
  step: z.string(),
  stepNumber: z.number().int(),
  totalSteps: z.number().int(),
  ownerEmail: z.string(),
  /** The setup's revision this step was reached at; absent in effects saved before it was kept. */
  rev: z.number().int().optional(),
});

/** What the final step records: the partner organization (found or to create) and the customer's. */
export const completionSchema = z.object({
  partner: z.union([
    z.object({ mode: z.literal('existing'), orgId: z.string(), name: z.string() }),
    z.object({ mode: z.literal('create'), name: z.string(), adminEmail: z.string() }),
    z.object({ mode: z.literal('none') }),
  ]),
  customer: z.union([
    z.object({ mode: z.literal('existing'), orgId: z.string(), name: z.string() }),
    z.object({ mode: z.literal('new') }),
  ]),
  customerAdminEmail: z.string(),
  companyName: z.string(),
  countryCode: z.string(),
  /** The customer organization's data-residency region (an existing one keeps its own). */
  regionCode: z.string(),
  /** Where the Contact Center data location defaults to: the country's region. Absent before it was kept. */
  contactCenterRegionCode: z.string().optional(),
  ownerEmail: z.string(),
  contactEmail: z.string(),
  locale: z.enum(['en', 'hr']),
});
export type Completion = z.infer<typeof completionSchema>;

const sendEffectSchema = z.object({
  kind: z.literal('send'),
  key: z.string(),
  target: targetSchema,
  message: messageSchema,
  purpose: z.object({ kind: z.string(), orderId: z.string() }),
});
export type SendEffect = z.infer<typeof sendEffectSchema>;

export const effectSchema = z.discriminatedUnion('kind', [
  sendEffectSchema,
  z.object({ kind: z.literal('orderStarted'), orderId: z.string(), by: z.string() }),
  z.object({
    kind: z.literal('orderProgress'),
    orderId: z.string(),
    progress: progressSchema,
    by: z.string(),
  }),
  z.object({
    kind: z.literal('orderNeedsAttention'),
    orderId: z.string(),
    reason: z.string(),
    by: z.string(),
  }),
  z.object({ kind: z.literal('orderReassigned'), orderId: z.string(), email: z.string(), by: z.string() }),
  /** An administrator resolved what the setup waited for: the order is in progress again. */
  z.object({ kind: z.literal('orderResolved'), orderId: z.string(), by: z.string() }),
  /** The directory refused the completion; the setup went back to its owner. */
  z.object({
    kind: z.literal('orderCompletionRefused'),
    orderId: z.string(),
    reason: z.string(),
    by: z.string(),
  }),
  z.object({
    kind: z.literal('complete'),
    orderId: z.string(),
    completion: completionSchema,
    by: z.string(),
    /**
     * Who is told what once the directory has answered: `done` when the organizations were
     * recorded, `failed` when the directory refused them. Absent in effects saved before it existed.
     */
    notify: z.object({ done: z.array(sendEffectSchema), failed: z.array(sendEffectSchema) }).optional(),
  }),
]);

export type Effect = z.infer<typeof effectSchema>;

/** Parses a stored effect; a corrupt one is reported, not thrown, so one bad entry cannot block the rest. */
export function parseStoredEffect(json: string): Effect | undefined {
  try {
    const parsed = effectSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
