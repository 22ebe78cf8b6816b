/**
 * Splits a TCP byte stream into whole wire messages using the leading int32 length. Chunks are only
 * joined once a whole message has arrived, so large messages cost one copy.
 */
import { MAX_MESSAGE_SIZE_BYTES } from './wire-constants.js';

/** Thrown when a peer announces a message larger than the protocol allows. */
export class OversizedMessageError extends Error {
  readonly size: number;

  constructor(size: number) {
    super(`message of ${size} bytes exceeds maxMessageSizeBytes ${MAX_MESSAGE_SIZE_BYTES}`);
    this.name = 'OversizedMessageError';
    this.size = size;
  }
}

/** Accumulates chunks and yields complete messages. */
export class MessageFramer {
  #chunks: Buffer[] = [];
  #buffered = 0;
  #expected: number | undefined;

  /** Adds a chunk and returns the messages it completed. */
  push(chunk: Buffer): Buffer[] {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    const out: Buffer[] = [];
    for (;;) {
      if (this.#expected === undefined) {
        if (this.#buffered < 4) break;
        const head = this.#join();
        const size = head.readInt32LE(0);
        if (size < 16 || size > MAX_MESSAGE_SIZE_BYTES) throw new OversizedMessageError(size);
        this.#expected = size;
      }
      if (this.#buffered < this.#expected) break;
      const all = this.#join();
      out.push(all.subarray(0, this.#expected));
      const rest = all.subarray(this.#expected);
      this.#chunks = rest.length > 0 ? [rest] : [];
      this.#buffered = rest.length;
      this.#expected = undefined;
    }
    return out;
  }

  #join(): Buffer {
    const joined =
      this.#chunks.length === 1 && this.#chunks[0] ? this.#chunks[0] : Buffer.concat(this.#chunks);
    this.#chunks = [joined];
    return joined;
  }
}
