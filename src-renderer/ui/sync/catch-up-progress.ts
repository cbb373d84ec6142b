/** How far a catch-up is, as the badge's bar and the loading notice both show it. */
import type { CatchUp } from '../../../shared/contract/desk-views.js';

export type CatchUpStatus = CatchUp;

/** HQ's log received, or (a new desk, `building`) its records prepared from it. */
export const progressOf = (catchUp: CatchUpStatus): { readonly done: number; readonly total: number } =>
  catchUp.phase === 'building' ? { done: catchUp.built ?? 0, total: catchUp.toBuild ?? 0 } : { done: catchUp.pulled, total: catchUp.head };

export const percentOf = ({ done, total }: { done: number; total: number }): number => (total <= 0 ? 100 : Math.min(100, Math.floor((done / total) * 100)));
