/**
 * Journal and snapshot records: `[u32 LE payload length][u32 LE CRC-32 of payload][payload]`.
 * Decoding stops at the first record that is cut short or fails its checksum, so a write torn by a
 * crash is detected rather than half-applied.
 */
import { crc32 } from 'node:zlib';

export const RECORD_HEADER_BYTES = 8;
/** Largest payload accepted; anything bigger is treated as corruption. */
const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

/** Frames one payload. */
export function encodeRecord(payload: Uint8Array): Buffer {
  const header = Buffer.alloc(RECORD_HEADER_BYTES);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

/** The intact records of a file and where the intact part ends. */
export interface DecodedRecords {
  readonly payloads: Buffer[];
  /** Byte length of the intact prefix. */
  readonly validLength: number;
  /** Why decoding stopped early, when it did. */
  readonly problem?: string;
}

/** Splits a file's bytes into payloads, stopping at the first damaged record. */
export function decodeRecords(data: Buffer): DecodedRecords {
  const payloads: Buffer[] = [];
  let offset = 0;
  while (offset < data.length) {
    if (data.length - offset < RECORD_HEADER_BYTES) {
      return { payloads, validLength: offset, problem: `truncated record header at byte ${offset}` };
    }
    const length = data.readUInt32LE(offset);
    const checksum = data.readUInt32LE(offset + 4);
    if (length > MAX_PAYLOAD_BYTES) {
      return {
        payloads,
        validLength: offset,
        problem: `implausible record length ${length} at byte ${offset}`,
      };
    }
    const start = offset + RECORD_HEADER_BYTES;
    if (start + length > data.length) {
      return { payloads, validLength: offset, problem: `record at byte ${offset} is cut short` };
    }
    const payload = data.subarray(start, start + length);
    if (crc32(payload) !== checksum) {
      return { payloads, validLength: offset, problem: `checksum mismatch in record at byte ${offset}` };
    }
    payloads.push(payload);
    offset = start + length;
  }
  return { payloads, validLength: offset };
}
