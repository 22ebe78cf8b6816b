import { z } from 'zod';

/**
 * The emulator's stored state, one schema per entity. These are what a persistence adapter writes
 * and reads back (validated again on load: stored data is outside data too). API responses are
 * rendered from them per caller (a direct room's title is the other person's name).
 */

const isoDate = z.string().datetime({ offset: true });

export const personRecordSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  nickName: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  avatar: z.string().optional(),
  orgId: z.string(),
  type: z.enum(['person', 'bot']),
  token: z.string(),
  created: isoDate,
});

export const roomRecordSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.enum(['direct', 'group']),
  isLocked: z.boolean(),
  creatorId: z.string(),
  ownerId: z.string(),
  created: isoDate,
  lastActivity: isoDate,
  /** Direct rooms only: the two person ids, sorted, so a pair has at most one direct room. */
  directKey: z.string().optional(),
});

export const membershipRecordSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  personId: z.string(),
  isModerator: z.boolean(),
  created: isoDate,
});

export const attachmentSchema = z.object({
  contentType: z.literal('application/vnd.microsoft.card.adaptive'),
  content: z.record(z.string(), z.unknown()),
});

export const messageRecordSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  personId: z.string(),
  text: z.string().optional(),
  markdown: z.string().optional(),
  html: z.string().optional(),
  files: z.array(z.string()).optional(),
  attachments: z.array(attachmentSchema).optional(),
  mentionedPeople: z.array(z.string()).optional(),
  parentId: z.string().optional(),
  created: isoDate,
  updated: isoDate.optional(),
  editCount: z.number().int().nonnegative(),
});

export const attachmentActionRecordSchema = z.object({
  id: z.string(),
  type: z.literal('submit'),
  messageId: z.string(),
  personId: z.string(),
  roomId: z.string(),
  inputs: z.record(z.string(), z.unknown()),
  created: isoDate,
});

export const webhookRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  targetUrl: z.string(),
  resource: z.string(),
  event: z.string(),
  filter: z.string().optional(),
  secret: z.string().optional(),
  status: z.enum(['active', 'inactive']),
  ownerId: z.string(),
  created: isoDate,
});

export type PersonRecord = z.infer<typeof personRecordSchema>;
export type RoomRecord = z.infer<typeof roomRecordSchema>;
export type MembershipRecord = z.infer<typeof membershipRecordSchema>;
export type MessageRecord = z.infer<typeof messageRecordSchema>;
export type CardAttachment = z.infer<typeof attachmentSchema>;
export type AttachmentActionRecord = z.infer<typeof attachmentActionRecordSchema>;
export type WebhookRecord = z.infer<typeof webhookRecordSchema>;

/** Every stored entity kind, by the name a persistence adapter may use for its collection. */
export interface EmulatorEntities {
  people: PersonRecord;
  rooms: RoomRecord;
  memberships: MembershipRecord;
  messages: MessageRecord;
  attachmentActions: AttachmentActionRecord;
  webhooks: WebhookRecord;
}

export type EntityKind = keyof EmulatorEntities;

export const ENTITY_KINDS: readonly EntityKind[] = [
  'people',
  'rooms',
  'memberships',
  'messages',
  'attachmentActions',
  'webhooks',
];

export const entitySchemas: { [K in EntityKind]: z.ZodType<EmulatorEntities[K]> } = {
  people: personRecordSchema,
  rooms: roomRecordSchema,
  memberships: membershipRecordSchema,
  messages: messageRecordSchema,
  attachmentActions: attachmentActionRecordSchema,
  webhooks: webhookRecordSchema,
};
