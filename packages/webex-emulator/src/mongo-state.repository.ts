import type { AnyBulkWriteOperation, Db, Document } from 'mongodb';
import { z } from 'zod';
import type { EmulatorChange, EmulatorPersistence, EmulatorSnapshot } from './persistence.js';
import {
  attachmentActionRecordSchema,
  type EmulatorEntities,
  ENTITY_KINDS,
  type EntityKind,
  membershipRecordSchema,
  messageRecordSchema,
  personRecordSchema,
  roomRecordSchema,
  webhookRecordSchema,
} from './records.js';
import { parseStored } from './stored-document.js';

/**
 * The Webex emulator's state in MongoDB, one collection per entity (`people`, `rooms`,
 * `memberships`, `messages`, `attachmentActions`, `webhooks`) in the database it is given, each
 * document `{ _id: <Webex id>, ...fields }`. Card JSON and card inputs are stored as JSON strings:
 * Adaptive Cards carry `$schema` keys and inputs can have dotted names, which MongoDB field names
 * must not.
 */

/** How each kind is stored: to a document, and back (validated) from one. */
type StoredDocument = Document & { _id: string };

interface Codec<K extends EntityKind> {
  toDocument(record: EmulatorEntities[K]): StoredDocument;
  fromDocument(doc: unknown): EmulatorEntities[K];
}

/** `{ id, ...fields }` → `{ _id, ...fields }`, dropping undefined fields (the driver would store null). */
const withoutId = <T extends { id: string }>(record: T): StoredDocument => {
  const { id, ...rest } = record;
  return { _id: id, ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) };
};

/** A codec for records stored field by field. */
function plainCodec<K extends EntityKind>(kind: K, schema: z.ZodType<EmulatorEntities[K]>): Codec<K> {
  const stored = z.object({ _id: z.string() }).passthrough();
  return {
    toDocument: withoutId,
    fromDocument(doc) {
      const { _id, ...rest } = parseStored(stored, kind, doc);
      return parseStored(schema, kind, { ...rest, id: _id });
    },
  };
}

const jsonText = z.string().transform((text, ctx) => {
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not JSON' });
    return z.NEVER;
  }
});

const messageCodec: Codec<'messages'> = {
  toDocument(record) {
    const { attachments, ...rest } = record;
    return withoutId({
      ...rest,
      ...(attachments === undefined ? {} : { attachmentsJson: JSON.stringify(attachments) }),
    });
  },
  fromDocument(doc) {
    const { _id, attachmentsJson, ...rest } = parseStored(
      z.object({ _id: z.string(), attachmentsJson: jsonText.optional() }).passthrough(),
      'messages',
      doc,
    );
    const record = {
      ...rest,
      id: _id,
      ...(attachmentsJson === undefined ? {} : { attachments: attachmentsJson }),
    };
    return parseStored(messageRecordSchema, 'messages', record);
  },
};

const actionCodec: Codec<'attachmentActions'> = {
  toDocument(record) {
    const { inputs, ...rest } = record;
    return withoutId({ ...rest, inputsJson: JSON.stringify(inputs) });
  },
  fromDocument(doc) {
    const { _id, inputsJson, ...rest } = parseStored(
      z.object({ _id: z.string(), inputsJson: jsonText }).passthrough(),
      'attachmentActions',
      doc,
    );
    return parseStored(attachmentActionRecordSchema, 'attachmentActions', {
      ...rest,
      id: _id,
      inputs: inputsJson,
    });
  },
};

const codecs: { [K in EntityKind]: Codec<K> } = {
  people: plainCodec('people', personRecordSchema),
  rooms: plainCodec('rooms', roomRecordSchema),
  memberships: plainCodec('memberships', membershipRecordSchema),
  messages: messageCodec,
  attachmentActions: actionCodec,
  webhooks: plainCodec('webhooks', webhookRecordSchema),
};

/** Creates the emulator's persistence over `db`; every `save` is written before it resolves. */
export function createEmulatorStateRepository(db: Db): EmulatorPersistence {
  async function loadKind<K extends EntityKind>(kind: K): Promise<EmulatorEntities[K][]> {
    const docs = await db.collection<StoredDocument>(kind).find({}).toArray();
    return docs.map((doc) => codecs[kind].fromDocument(doc));
  }

  async function saveKind<K extends EntityKind>(kind: K, change: EmulatorChange): Promise<void> {
    const upserts: EmulatorEntities[K][] = change.upsert[kind] ?? [];
    const removes = change.remove[kind] ?? [];
    if (upserts.length === 0 && removes.length === 0) return;
    const operations: AnyBulkWriteOperation<StoredDocument>[] = [
      ...upserts.map((record) => {
        const { _id, ...replacement } = codecs[kind].toDocument(record);
        return { replaceOne: { filter: { _id }, replacement, upsert: true } };
      }),
      ...removes.map((id) => ({ deleteOne: { filter: { _id: id } } })),
    ];
    await db.collection<StoredDocument>(kind).bulkWrite(operations, { ordered: true });
  }

  return {
    async load(): Promise<EmulatorSnapshot | undefined> {
      const snapshot: EmulatorSnapshot = {
        people: await loadKind('people'),
        rooms: await loadKind('rooms'),
        memberships: await loadKind('memberships'),
        messages: await loadKind('messages'),
        attachmentActions: await loadKind('attachmentActions'),
        webhooks: await loadKind('webhooks'),
      };
      return ENTITY_KINDS.every((kind) => snapshot[kind].length === 0) ? undefined : snapshot;
    },
    async save(change) {
      // People and rooms first, so a crash between collections leaves no message without its room.
      for (const kind of ENTITY_KINDS) await saveKind(kind, change);
    },
  };
}
