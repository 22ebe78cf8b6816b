/**
 * An index's entries kept in key order (MongoDB's comparison order, each field in its index
 * direction, then insertion sequence), so that a range of keys is read without scanning the
 * collection and in the order a sort on those fields wants. Stored as a list of sorted chunks: an
 * insert or delete moves at most one chunk's entries, not the whole index's.
 */
import { compareValues } from '../values/bson-value.js';

/** One entry: the indexed values in field order, and the document it points to. */
export interface OrderedEntry {
  readonly values: readonly unknown[];
  /** The document's insertion sequence: ties between equal keys keep natural order. */
  readonly seq: number;
  readonly idKey: string;
  /** The entry's canonical key, telling apart two entries of one document that compare equal. */
  readonly key: string;
}

/** Where a scan starts (entries for which this is true are skipped) and where it ends. */
export interface EntryRange {
  before(entry: OrderedEntry): boolean;
  after(entry: OrderedEntry): boolean;
}

const MAX_CHUNK = 512;

/** `compareValues`, answered directly for the values keys mostly hold (strings, dates, numbers). */
function compareKeyValues(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) {
    const x = a.getTime();
    const y = b.getTime();
    if (x < y) return -1;
    if (x > y) return 1;
    if (x === y) return 0;
  }
  return compareValues(a, b);
}

export class OrderedEntries {
  readonly #directions: readonly number[];
  #chunks: OrderedEntry[][] = [];

  constructor(directions: readonly number[]) {
    this.#directions = directions;
  }

  compare(a: OrderedEntry, b: OrderedEntry): number {
    for (let i = 0; i < this.#directions.length; i++) {
      const c = compareKeyValues(a.values[i], b.values[i]);
      if (c !== 0) return c * (this.#directions[i] ?? 1);
    }
    return a.seq - b.seq;
  }

  /** Index of the first chunk whose last entry is not before `isBefore`'s bound (may be length). */
  #chunkFrom(isBefore: (entry: OrderedEntry) => boolean): number {
    let lo = 0;
    let hi = this.#chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.#chunks[mid] ?? [];
      const last = chunk[chunk.length - 1];
      if (last !== undefined && isBefore(last)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #positionIn(chunk: readonly OrderedEntry[], isBefore: (entry: OrderedEntry) => boolean): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const entry = chunk[mid];
      if (entry !== undefined && isBefore(entry)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(entry: OrderedEntry): void {
    const isBefore = (other: OrderedEntry) => this.compare(other, entry) < 0;
    if (this.#chunks.length === 0) {
      this.#chunks.push([entry]);
      return;
    }
    const index = Math.min(this.#chunkFrom(isBefore), this.#chunks.length - 1);
    const chunk = this.#chunks[index] ?? [];
    chunk.splice(this.#positionIn(chunk, isBefore), 0, entry);
    if (chunk.length > MAX_CHUNK)
      this.#chunks.splice(index, 1, chunk.slice(0, MAX_CHUNK / 2), chunk.slice(MAX_CHUNK / 2));
  }

  remove(entry: OrderedEntry): void {
    const isBefore = (other: OrderedEntry) => this.compare(other, entry) < 0;
    for (let index = this.#chunkFrom(isBefore); index < this.#chunks.length; index++) {
      const chunk = this.#chunks[index] ?? [];
      for (let at = this.#positionIn(chunk, isBefore); at < chunk.length; at++) {
        const other = chunk[at];
        if (other === undefined || this.compare(other, entry) > 0) return;
        if (other.seq !== entry.seq || other.key !== entry.key) continue;
        chunk.splice(at, 1);
        if (chunk.length === 0) this.#chunks.splice(index, 1);
        return;
      }
    }
  }

  /** The entries from the range's start to its end, in key order. */
  *scan(range: EntryRange): Generator<OrderedEntry> {
    const before = (entry: OrderedEntry) => range.before(entry);
    const first = this.#chunkFrom(before);
    for (let index = first; index < this.#chunks.length; index++) {
      const chunk = this.#chunks[index] ?? [];
      for (let at = index === first ? this.#positionIn(chunk, before) : 0; at < chunk.length; at++) {
        const entry = chunk[at];
        if (entry === undefined) continue;
        if (range.after(entry)) return;
        yield entry;
      }
    }
  }

  clear(): void {
    this.#chunks = [];
  }
}
