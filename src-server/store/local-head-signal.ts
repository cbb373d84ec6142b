/**
 * Long-poll wake-ups inside one process: the SQLite store announces a tenant after each push that
 * committed events. (Only one HQ process serves a SQLite file; PostgreSQL uses LISTEN/NOTIFY.)
 */
export interface LocalHeadSignal {
  readonly watch: (tenantId: string, onAdvance: () => void) => () => void;
  readonly announce: (tenantId: string) => void;
  /** Wakes every watcher, e.g. after losing track of announcements. */
  readonly announceAll: () => void;
}

export const createLocalHeadSignal = (): LocalHeadSignal => {
  const watchers = new Map<string, Set<() => void>>();
  const call = (listeners: Iterable<() => void>) => {
    for (const listener of [...listeners]) listener();
  };
  return {
    watch: (tenantId, onAdvance) => {
      const set = watchers.get(tenantId) ?? new Set();
      watchers.set(tenantId, set);
      set.add(onAdvance);
      return () => {
        set.delete(onAdvance);
        if (set.size === 0) watchers.delete(tenantId);
      };
    },
    announce: (tenantId) => {
      const set = watchers.get(tenantId);
      if (set) call(set);
    },
    announceAll: () => {
      for (const set of [...watchers.values()]) call(set);
    },
  };
};
