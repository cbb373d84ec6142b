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
 * Neither goes below 1: one command (a command is never split, push-batch.ts). A push of one
 * command that times out cannot get smaller, so its next try waits longer instead (`patience`,
 * doubled each time up to MAX_PATIENCE times the request timeout), and the wait shrinks back as
 * pushes answer well within the plain timeout: a link too slow for one command in 15 s still
 * delivers it, where halving alone would retry it forever.
 */

export interface PushSize {
  /** Learnt from 413; Infinity until then. */
  readonly bodyCap: number;
  /** Learnt from timeouts; Infinity when none holds. */
  readonly softCap: number;
  /** How many request timeouts a push may take: 1, or more after a push of one command timed out. */
  readonly patience: number;
}

export const UNLIMITED_PUSH_SIZE: PushSize = { bodyCap: Number.POSITIVE_INFINITY, softCap: Number.POSITIVE_INFINITY, patience: 1 };

/** The longest a push may take: this many request timeouts (15 s each in production: 2 minutes). */
export const MAX_PATIENCE = 8;

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

/**
 * A push of `sent` events was not answered in time; `commands`: how many commands it carried. One
 * command cannot be split, so the next try gets more time instead of fewer events.
 */
export const afterTimeout = (size: PushSize, sent: number, commands = 2): PushSize =>
  commands <= 1 ? { ...size, softCap: 1, patience: Math.min(MAX_PATIENCE, size.patience * 2) } : { ...size, softCap: half(size.softCap, sent) };

/** How long the next push may take: the request timeout, times the patience learnt. */
export const pushTimeoutMs = (size: PushSize, timeoutMs: number): number => timeoutMs * size.patience;

/** HQ answered a push of `sent` events `tookMs` after it left. */
export const afterAnswer = (size: PushSize, push: { readonly sent: number; readonly tookMs: number; readonly timeoutMs: number; readonly hqMaxEvents: number }): PushSize => {
  if (push.sent < 1) return size;
  // Patience shrinks as the soft cap grows: only once a push arrives well within the plain timeout.
  const fast = push.tookMs <= push.timeoutMs * GROW_WITHIN_SHARE;
  const patience = fast ? Math.max(1, size.patience / 2) : size.patience;
  if (size.softCap === Number.POSITIVE_INFINITY || size.patience > 1) return patience === size.patience ? size : { ...size, patience };
  const grown = size.softCap * 2;
  // The time `grown` events would take at this push's pace.
  if ((push.tookMs * grown) / push.sent > push.timeoutMs * GROW_WITHIN_SHARE) return { ...size, patience };
  return { ...size, patience, softCap: grown >= Math.min(push.hqMaxEvents, size.bodyCap) ? Number.POSITIVE_INFINITY : grown };
};
