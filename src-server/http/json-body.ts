/**
 * HQ's JSON body parser: src-node/json-in-pieces.ts reads the body (in pieces when large) and
 * measures it; this refuses, as MALFORMED, a body too deep for the later recursive steps or one
 * whose text says more than its parsed value keeps (a key named twice, a number a double rounds).
 * HQ stores what a desk pushed or nothing, and after parsing nothing can tell which event it was in.
 * A desk writing with JSON.stringify never sends either.
 */
import { PIECES_FROM_BYTES, lostIn, parsedInPieces, shapeOf } from '../../src-node/json-in-pieces.js';
import { HqError } from './errors.js';

/** A body parsed whole: JSON.parse, then its depth, then what the parse would drop. */
export const parseJsonBody = (text: string, maxDepth: number): unknown => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HqError('MALFORMED', `The body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const shape = shapeOf(value, maxDepth);
  if (shape.depth > maxDepth) throw new HqError('MALFORMED', `The body nests deeper than ${maxDepth} levels`);
  const lost = lostIn(text, shape.members);
  if (lost !== undefined) throw new HqError('MALFORMED', `The body says more than JSON keeps: ${lost}`);
  return value;
};

/** parseJsonBody of the body's UTF-8 bytes: the same value, or the same refusal (pieces refused for any reason leave it to the whole parse). */
export const parseJsonBodyBytes = (bytes: Buffer, maxDepth: number, piecesFromBytes = PIECES_FROM_BYTES): unknown => {
  const pieces = bytes.length >= piecesFromBytes ? parsedInPieces(bytes, maxDepth) : undefined;
  return pieces ? pieces.value : parseJsonBody(bytes.toString('utf8'), maxDepth);
};
