/**
 * A re-read that a burst of change notices cannot pile up: while one runs, further calls ask for
 * one more run after it and share its promise, so there is at most one read in flight and one
 * after it, and the last one starts after the last notice.
 */
export const coalesced = (read: () => Promise<void>): (() => Promise<void>) => {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await read();
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
};
