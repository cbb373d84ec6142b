import { randomFillSync } from 'node:crypto';
import { v5 } from 'uuid';
import type { IdSource } from '../../shared/eventsourcing/index.js';

/** The namespace of clinic-desk's derived ids (a fixed random UUID; never change it). */
const DERIVED_NAMESPACE = '6f1c2b0e-6a4d-4f53-9a57-3c1e0f6d2b91';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Random bytes drawn from a pool refilled 4 KiB at a time: a command takes several ids. */
const pool = Buffer.alloc(4096);
let drawn = pool.length;
const random16 = (): Buffer => {
  if (drawn === pool.length) {
    randomFillSync(pool);
    drawn = 0;
  }
  drawn += 16;
  return pool.subarray(drawn - 16, drawn);
};

/** The last id's millisecond and counter: ids made in one millisecond still sort in the order made. */
let lastMs = -Infinity;
let counter = 0;

/**
 * A UUIDv7 (RFC 9562): the millisecond, then a 31-bit counter that starts at random each
 * millisecond and counts up within it (the uuid package's layout), then random bits. Made here
 * rather than by the uuid package, which asks WebCrypto for 16 bytes per id (~5 µs; a command
 * takes two or three).
 */
const newUuidV7 = (): string => {
  const bytes = random16();
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = ((bytes[6] as number) & 0x7f) * 2 ** 24 + ((bytes[7] as number) << 16) + ((bytes[8] as number) << 8) + (bytes[9] as number);
  } else if (counter < 0x7fffffff) {
    counter += 1;
  } else {
    // 2^31 ids in one millisecond (or a clock that went back): borrow the next millisecond
    lastMs += 1;
    counter = 0;
  }
  const ms = lastMs;
  const high = Math.floor(ms / 2 ** 16);
  const hex =
    HEX[(high >>> 24) & 0xff]! + HEX[(high >>> 16) & 0xff]! + HEX[(high >>> 8) & 0xff]! + HEX[high & 0xff]! + '-' +
    HEX[(ms >>> 8) & 0xff]! + HEX[ms & 0xff]! + '-' +
    HEX[0x70 | ((counter >>> 28) & 0x0f)]! + HEX[(counter >>> 20) & 0xff]! + '-' +
    HEX[0x80 | ((counter >>> 14) & 0x3f)]! + HEX[(counter >>> 6) & 0xff]! + '-' +
    HEX[((counter << 2) & 0xfc) | ((bytes[10] as number) & 0x03)]! +
    HEX[bytes[11] as number]! + HEX[bytes[12] as number]! + HEX[bytes[13] as number]! + HEX[bytes[14] as number]! + HEX[bytes[15] as number]!;
  return hex;
};

/**
 * UUIDv7 for new ids: time-ordered, so ids sort by creation and index well. Derived ids (a
 * conflict from its command, a resolution from its conflict) are UUIDv5 of purpose and seed, so
 * every desk derives the same one.
 */
export const uuidV7: IdSource = {
  newId: newUuidV7,
  derive: (purpose, seed) => v5(`${purpose}:${seed}`, DERIVED_NAMESPACE),
};
