/**
 * The procedure plan of a visit: numbering new items and folding plan events into item states.
 * Item ids are "1", "2", … from the visit's nextItemNo and are never reused, so a plan change
 * can name an item and keep its progress.
 */
import type { z } from 'zod';
import type { PlanItemInput } from './commands.js';
import type { PlanItem } from './events.js';
import type { PlanItemState } from './state.js';

/** New items, numbered from nextItemNo; price and discount default to 0. */
export const numberPlanItems = (inputs: readonly z.infer<typeof PlanItemInput>[], nextItemNo: number): PlanItem[] =>
  inputs.map((input, index) => ({
    itemId: String(nextItemNo + index),
    name: input.name,
    price: input.price ?? 0,
    discount: input.discount ?? 0,
  }));

/** The next free item number once `items` are in the plan. */
export const nextItemNoAfter = (nextItemNo: number, items: readonly PlanItem[]): number =>
  items.reduce((next, item) => {
    const no = Number(item.itemId);
    return Number.isSafeInteger(no) && no >= next ? no + 1 : next;
  }, nextItemNo);

export const pendingItem = (item: PlanItem): PlanItemState => ({
  itemId: item.itemId,
  name: item.name,
  price: item.price,
  discount: item.discount,
  status: 'pending',
  performedBy: null,
  skipReason: null,
});

/** Completed, skipped and in-progress items carry history: a plan change keeps them and their price. */
export const isDoneOrStarted = (item: PlanItemState): boolean => item.status !== 'pending';

export const isFinished = (item: PlanItemState): boolean => item.status === 'completed' || item.status === 'skipped';
