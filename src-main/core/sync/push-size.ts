/**
 * How many events the next push may carry, learnt from how HQ answered the pushes before.
 * Pure: the worker reports each push's outcome and asks for the limit.
 *
 * Two caps, the smaller one holds:
 *   body cap — a 413: the body is over a limit on the way (HQ's, or a reverse proxy's that health
 *              does not show). It halves and stays: growing it back would meet the same 413 again.
 *   soft cap — a timeout: the link is too slow for a push this big to arrive within the request
 *              timeout (or HQ stalled a moment). It halves, and grows back (doubles) after a push
 *              that answered fast enough for twice its size to arrive in time too, so a brief stall
 *              does not shrink pushes for good, and a slow link does not go through a timeout every
 *              other push. Once it reaches HQ's limit it is forgotten.
 * Neither goes below 1: one command (a command is never split, push-batch.ts).
 */

export interface PushSize {
  /** Learnt from 413; Infinity until then. */
  readonly bodyCap: number;
  /** Learnt from timeouts; Infinity when none holds. */
  readonly softCap: number;
}

export const UNLIMITED_PUSH_SIZE: PushSize = { bodyCap: Number.POSITIVE_INFINITY, softCap: Number.POSITIVE_INFINITY };

/**
 * A push grows the soft cap only when twice its events, at the pace this push went, would be
 * answered within this share of the request timeout: a margin for a link whose pace varies.
 */
export const GROW_WITHIN_SHARE = 0.5;

const half = (cap: number, sent: number): number => Math.max(1, Math.floor(Math.min(cap, sent) / 2));

/** The most events the next push may carry, within HQ's own limit. */
export const pushSizeLimit = (size: PushSize, hqMaxEvents: number): number => Math.max(1, Math.min(hqMaxEvents, size.bodyCap, size.softCap));

/** HQ (or a proxy before it) answered 413 to a push of `sent` events. */
export const afterTooLarge = (size: PushSize, sent: number): PushSize => ({ ...size, bodyCap: half(size.bodyCap, sent) });

/** A push of `sent` events was not answered within the request timeout. */
export const afterTimeout = (size: PushSize, sent: number): PushSize => ({ ...size, softCap: half(size.softCap, sent) });

/** HQ answered a push of `sent` events `tookMs` after it left. */
export const afterAnswer = (size: PushSize, push: { readonly sent: number; readonly tookMs: number; readonly timeoutMs: number; readonly hqMaxEvents: number }): PushSize => {
  if (size.softCap === Number.POSITIVE_INFINITY || push.sent < 1) return size;
  const grown = size.softCap * 2;
  // The time `grown` events would take at this push's pace.
  if ((push.tookMs * grown) / push.sent > push.timeoutMs * GROW_WITHIN_SHARE) return size;
  return { ...size, softCap: grown >= Math.min(push.hqMaxEvents, size.bodyCap) ? Number.POSITIVE_INFINITY : grown };
};
