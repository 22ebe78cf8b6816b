/**
 * The snapshot: the whole catalog as records (collections, indexes, documents) after a `meta`
 * record naming the first journal generation still to replay, and before an `end` record that
 * proves the file is complete. Written to a temp file, fsynced and renamed into place.
 */
import { open, rename } from 'node:fs/promises';
import { BSON } from 'bson';
import type { Catalog } from '../catalog/catalog.js';
import type { Mutation } from '../catalog/mutation.js';
import { DESERIALIZE_OPTIONS } from '../wire/message-decoder.js';
import { syncDirectory } from './fs-sync.js';
import { encodeMutation } from './mutation-codec.js';
import { decodeRecords, encodeRecord } from './record-codec.js';

export const SNAPSHOT_FORMAT = 1;

/** Serializes the catalog (synchronously, so it is one consistent state). */
export function serializeSnapshot(catalog: Catalog, journalGeneration: number): Buffer[] {
  const out: Buffer[] = [
    encodeRecord(
      BSON.serialize({ op: 'meta', format: SNAPSHOT_FORMAT, journalGeneration, createdAt: new Date() }),
    ),
  ];
  let count = 0;
  const push = (m: Mutation): void => {
    out.push(encodeRecord(encodeMutation(m)));
    count++;
  };
  for (const collection of catalog.allCollections()) {
    const { db, name: coll } = collection;
    push({ op: 'createCollection', db, coll, options: collection.options });
    for (const spec of collection.indexSpecs().slice(1)) push({ op: 'createIndex', db, coll, spec });
    for (const record of collection.records()) push({ op: 'put', db, coll, doc: record.doc });
  }
  out.push(encodeRecord(BSON.serialize({ op: 'end', records: count })));
  return out;
}

function* chunkBuffers(buffers: readonly Buffer[], size: number): Generator<Buffer> {
  let group: Buffer[] = [];
  let groupBytes = 0;
  for (const b of buffers) {
    group.push(b);
    groupBytes += b.length;
    if (groupBytes >= size) {
      yield Buffer.concat(group);
      group = [];
      groupBytes = 0;
    }
  }
  if (group.length > 0) yield Buffer.concat(group);
}

/** Writes snapshot buffers atomically to `path`; returns the byte size. */
export async function writeSnapshotFile(path: string, buffers: Buffer[]): Promise<number> {
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w');
  let bytes = 0;
  try {
    // One write per ~8 MB instead of one per record: a write is a thread-pool round trip.
    for (const chunk of chunkBuffers(buffers, 8 * 1024 * 1024)) {
      let offset = 0;
      while (offset < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, null);
        offset += bytesWritten;
      }
      bytes += chunk.length;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await syncDirectory(path);
  return bytes;
}

/** A decoded snapshot: its journal generation and mutation payloads. */
export interface SnapshotContents {
  readonly journalGeneration: number;
  readonly payloads: Buffer[];
}

/** Parses a snapshot file; throws if it is damaged (it is never written in place). */
export function parseSnapshot(data: Buffer, path: string): SnapshotContents {
  const { payloads, problem } = decodeRecords(data);
  if (problem) throw new Error(`snapshot ${path} is damaged: ${problem}`);
  const [first, ...rest] = payloads;
  const last = rest.pop();
  if (!first || !last) throw new Error(`snapshot ${path} is incomplete`);
  const meta = BSON.deserialize(first, DESERIALIZE_OPTIONS);
  const end = BSON.deserialize(last, DESERIALIZE_OPTIONS);
  if (meta.op !== 'meta' || meta.format !== SNAPSHOT_FORMAT || typeof meta.journalGeneration !== 'number') {
    throw new Error(`snapshot ${path} has an unknown header`);
  }
  if (end.op !== 'end' || end.records !== rest.length) throw new Error(`snapshot ${path} is incomplete`);
  return { journalGeneration: meta.journalGeneration, payloads: rest };
}
