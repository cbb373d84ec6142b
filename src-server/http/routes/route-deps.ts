import type { HqSettings } from '../../settings.js';
import type { HqStore } from '../../store/hq-store.js';
import type { LongPolls } from '../long-poll.js';

/** What every route handler may use. */
export interface RouteDeps {
  readonly store: HqStore;
  readonly settings: HqSettings;
  readonly now: () => Date;
  readonly longPolls: LongPolls;
}
