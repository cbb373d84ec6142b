/**
 * A re-read that a burst of change notices cannot pile up: while one runs, further calls ask for
 * one more run after it and share its promise, so there is at most one read in flight and one
 * after it, and the last one starts after the last notice.
 */
export const coalesced = (read: () => Promise<void>): (() => Promise<void>) => {
  let busy = false;
  let again = false;
  let running: Promise<void> = Promise.resolve();
  const loop = async (): Promise<void> => {
    try {
      do {
        again = false;
        await read();
      } while (again);
    } finally {
      // Free in the same turn as the last `again` check: a call after it (even one microtask
      // later, before a `.finally` callback on the promise would run) starts a new read.
      busy = false;
    }
  };
  return () => {
    if (busy) {
      again = true;
      return running;
    }
    busy = true;
    running = loop();
    return running;
  };
};
