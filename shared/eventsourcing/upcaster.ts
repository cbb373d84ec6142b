/**
 * Upcasters lift an event's data one schemaVersion at a time, on read only: events are stored
 * and synced in the schemaVersion they were raised in.
 */
export interface Upcaster {
  readonly eventType: string;
  /** The schemaVersion this upcaster reads; it produces fromVersion + 1. */
  readonly fromVersion: number;
  readonly up: (data: unknown) => unknown;
}
