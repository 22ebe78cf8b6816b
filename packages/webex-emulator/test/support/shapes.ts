import { z } from 'zod';

/** Webex's JSON shapes as the public API documents them; parsing a body asserts its shape. */

const iso = z.string().datetime({ offset: true });
/** base64 of `ciscospark://us/<TYPE>/...` without padding. */
export const webexId = (type: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9]+$/, 'base64 without padding or url-unsafe characters')
    .refine((id) => Buffer.from(id, 'base64').toString('utf8').startsWith(`ciscospark://us/${type}/`), {
      message: `must encode ciscospark://us/${type}/...`,
    });

export const errorShape = z.object({
  message: z.string(),
  errors: z.array(z.object({ description: z.string() })).min(1),
  trackingId: z.string().min(1),
});

export const personShape = z.object({
  id: webexId('PEOPLE'),
  emails: z.array(z.string().email()).length(1),
  displayName: z.string(),
  nickName: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  orgId: webexId('ORGANIZATION'),
  created: iso,
  type: z.enum(['person', 'bot']),
});

export const roomShape = z.object({
  id: webexId('ROOM'),
  title: z.string(),
  type: z.enum(['direct', 'group']),
  isLocked: z.boolean(),
  lastActivity: iso,
  creatorId: webexId('PEOPLE'),
  created: iso,
  ownerId: z.string(),
});

export const membershipShape = z.object({
  id: webexId('MEMBERSHIP'),
  roomId: webexId('ROOM'),
  personId: webexId('PEOPLE'),
  personEmail: z.string(),
  personDisplayName: z.string(),
  personOrgId: z.string(),
  isModerator: z.boolean(),
  isMonitor: z.boolean(),
  roomType: z.enum(['direct', 'group']),
  created: iso,
});

export const messageShape = z.object({
  id: webexId('MESSAGE'),
  roomId: webexId('ROOM'),
  roomType: z.enum(['direct', 'group']),
  text: z.string().optional(),
  markdown: z.string().optional(),
  html: z.string().optional(),
  attachments: z
    .array(z.object({ contentType: z.string(), content: z.record(z.string(), z.unknown()) }))
    .optional(),
  files: z.array(z.string()).optional(),
  personId: webexId('PEOPLE'),
  personEmail: z.string(),
  mentionedPeople: z.array(z.string()).optional(),
  parentId: z.string().optional(),
  created: iso,
  updated: iso.optional(),
});

export const actionShape = z.object({
  id: webexId('ATTACHMENT_ACTION'),
  type: z.literal('submit'),
  messageId: webexId('MESSAGE'),
  personId: webexId('PEOPLE'),
  roomId: webexId('ROOM'),
  inputs: z.record(z.string(), z.unknown()),
  created: iso,
});

export const webhookShape = z.object({
  id: webexId('WEBHOOK'),
  name: z.string(),
  targetUrl: z.string().url(),
  resource: z.string(),
  event: z.string(),
  filter: z.string().optional(),
  secret: z.string().optional(),
  status: z.enum(['active', 'inactive']),
  created: iso,
  orgId: z.string(),
  createdBy: z.string(),
  appId: z.string(),
  ownedBy: z.string(),
});

export const envelopeShape = z.object({
  id: webexId('WEBHOOK'),
  name: z.string(),
  targetUrl: z.string(),
  resource: z.string(),
  event: z.string(),
  filter: z.string().optional(),
  orgId: z.string(),
  createdBy: z.string(),
  appId: z.string(),
  ownedBy: z.string(),
  status: z.string(),
  created: iso,
  actorId: webexId('PEOPLE'),
  data: z.record(z.string(), z.unknown()).and(z.object({ id: z.string(), created: iso })),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
