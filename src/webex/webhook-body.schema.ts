import { z } from 'zod';

/**
 * A Webex webhook body. Only what routing needs is checked strictly; everything else is kept
 * (`looseObject`) because the framework reads more of it (`filter`, `actorId`, ...).
 */
export const webhookBodySchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  resource: z.string().min(1),
  event: z.string().min(1),
  actorId: z.string().optional(),
  data: z.looseObject({
    id: z.string().min(1),
    roomId: z.string().min(1).optional(),
    roomType: z.string().optional(),
    personId: z.string().optional(),
    personEmail: z.string().optional(),
  }),
});

export type WebhookBody = z.infer<typeof webhookBodySchema>;
