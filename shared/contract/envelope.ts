import { z } from 'zod';
import { compiledOnFirstUse } from './compiled-on-first-use.js';
import { JsonObject } from './json-value.js';
import { AppVersion, Initiator, Instant, StreamId, StreamTypeName, TypeName, Uuid } from './values.js';

/**
 * The event envelope as stored and synced (docs/architecture.md, "Event envelope"). Data is checked
 * by the domain, not here; here only that it survives storage and sync unchanged (json-value.ts).
 */
export const EventMetaSchema = z.strictObject({
  commandId: Uuid,
  processId: Uuid,
  initiator: Initiator,
  predecessorId: Uuid,
  deviceId: Uuid,
  raisedAt: Instant,
  appVersion: AppVersion,
});

export const EventEnvelopeSchema = z.strictObject({
  eventId: Uuid,
  tenantId: Uuid.optional(),
  streamType: StreamTypeName,
  streamId: StreamId,
  version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  type: TypeName,
  schemaVersion: z.number().int().min(1).max(1000),
  data: JsonObject,
  meta: EventMetaSchema,
});
export type EventEnvelopeWire = z.infer<typeof EventEnvelopeSchema>;

/** EventEnvelopeSchema.safeParse for the hot path (HQ checks every pushed event): compiled on first use. */
const compiledEnvelope = compiledOnFirstUse(EventEnvelopeSchema);
export const parseEventEnvelope = (raw: unknown): ReturnType<typeof EventEnvelopeSchema.safeParse> => compiledEnvelope().safeParse(raw);
