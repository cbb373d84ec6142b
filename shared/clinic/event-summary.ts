/**
 * The audit trail's sentence for an event: what happened, in words a manager reads at a glance.
 * Each aggregate declares one per event type (its summaries.ts), typed by its event union, so a
 * new event without its sentence fails to compile. The renderer may word events its own way by
 * type; this is the plain record.
 */
import type { DomainEvent } from '../eventsourcing/index.js';

/** One sentence per event type of an aggregate, from that event's data. */
export type EventSummaries<E extends DomainEvent> = {
  readonly [T in E['type']]: (data: Extract<E, { type: T }>['data']) => string;
};

export const won = (amount: number): string => `${amount.toLocaleString('en-US')} KRW`;
/** An instant to the minute, as stored (UTC). */
export const minute = (instant: string): string => instant.slice(0, 16).replace('T', ' ');
