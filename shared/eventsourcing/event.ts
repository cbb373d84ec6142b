/** A domain event as deciders produce it: a fact, named in the past tense. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface EventMeta {
  readonly commandId: string;
  readonly processId: string;
  /** staffId, or `device:<installationId>`. */
  readonly initiator: string;
  /** The causing commandId. */
  readonly predecessorId: string;
  /** Installation id of the desk that raised the event. */
  readonly deviceId: string;
  /** ISO-8601 UTC instant: the command's issuedAt. */
  readonly raisedAt: string;
  readonly appVersion: string;
}

/** What is stored and synced for every event (docs/architecture.md, "Event envelope"). */
export interface EventEnvelope<Type extends string = string, Data = unknown> {
  readonly eventId: string;
  readonly tenantId?: string;
  readonly streamType: string;
  readonly streamId: string;
  /** 1-based per stream. */
  readonly version: number;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly meta: EventMeta;
}

/** Turns a union of domain events into the union of their envelopes. */
export type EnvelopeOf<E extends DomainEvent> = E extends DomainEvent<infer T, infer D>
  ? EventEnvelope<T, D>
  : never;
