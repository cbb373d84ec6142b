/**
 * The HQ sync protocol (docs/architecture.md, "HQ protocol"), as zod schemas: what a desk sends to HQ and what HQ answers.
 * HQ validates every request with these; the desk's sync worker parses every answer with them.
 *
 * Naming: in a push body and in `meta.deviceId`, `deviceId` is the desk's *installation id* (made
 * when its store was created). The device *record* that a token names is `deviceId` in whoami;
 * the installation bound to it is whoami's `installationId`.
 */
import { z } from 'zod';
import { EventEnvelopeSchema } from './envelope.js';
import { AppVersion, Instant, StreamId, Uuid } from './values.js';

export const HQ_PATHS = {
  push: '/v1/push',
  events: '/v1/events',
  health: '/v1/health',
  whoami: '/v1/whoami',
} as const;

/** `desk` may use every endpoint; `kiosk` only health and whoami (see HQ_ROUTE_SCOPES). */
export const DeviceScope = z.enum(['desk', 'kiosk']);
export type DeviceScope = z.infer<typeof DeviceScope>;

/** Which scopes may call which authenticated endpoint. Health needs no token. */
export const HQ_ROUTE_SCOPES = {
  push: ['desk'],
  events: ['desk'],
  whoami: ['desk', 'kiosk'],
} as const satisfies Record<string, readonly DeviceScope[]>;

/** A per-tenant position, 1-based and without gaps. */
export const ServerPosition = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
/** A tenant's head: the newest position, 0 before its first event. */
export const HeadPosition = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// ---- push ----------------------------------------------------------------------------------

/**
 * One pushed event as the request level sees it: only its id must be right. The rest is checked
 * event by event, so one invalid envelope is `rejected` without failing the whole push.
 */
export const PushedEventSchema = z.looseObject({ eventId: Uuid });

/**
 * `basis`: for each stream of the batch whose first pushed event is not version 1, the eventId of
 * the event that first event was built on (the stream's version firstVersion − 1, as the desk
 * holds it). HQ answers `conflict` for that first event (and `blocked` for the stream's later
 * events in the batch) when the event it holds at that version is another one; when it does not
 * hold that version yet, the answer is VERSION_GAP as without a basis. A stream without an entry
 * is not checked this way. An entry for a stream with no event in the batch, or for one whose
 * first pushed event is version 1, makes the whole push MALFORMED; more entries than
 * limits.maxEventsPerPush, TOO_MANY_EVENTS.
 */
export const PushBasisSchema = z.record(StreamId, Uuid);
export type PushBasis = z.infer<typeof PushBasisSchema>;

export const PushRequestSchema = z.strictObject({
  /** The installation id of the pushing desk; every event's meta.deviceId must equal it. */
  deviceId: Uuid,
  appVersion: AppVersion,
  basis: PushBasisSchema.optional(),
  events: z.array(PushedEventSchema),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const RejectReason = z.enum([
  /** The envelope does not match EventEnvelopeSchema (`detail` says where). */
  'INVALID_ENVELOPE',
  /** The tenant already holds this eventId with different content. */
  'EVENT_ID_REUSED',
  /** The version is beyond the stream's head + 1 (`headVersion` given): nothing is stored out of order. */
  'VERSION_GAP',
  /** The stream already exists with another streamType. */
  'STREAM_TYPE_MISMATCH',
]);
export type RejectReason = z.infer<typeof RejectReason>;

export const PushResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ eventId: Uuid, status: z.literal('accepted'), serverPosition: ServerPosition }),
  /** Same tenant, eventId, stream, version and content already stored: delivery twice is safe. */
  z.strictObject({ eventId: Uuid, status: z.literal('duplicate'), serverPosition: ServerPosition }),
  /** Another event holds this version of the stream, or the version its `basis` names. */
  z.strictObject({ eventId: Uuid, status: z.literal('conflict'), headVersion: HeadPosition }),
  /** An earlier event of the same stream in this batch did not go in. */
  z.strictObject({ eventId: Uuid, status: z.literal('blocked'), detail: z.string().optional() }),
  z.strictObject({
    eventId: Uuid,
    status: z.literal('rejected'),
    reason: RejectReason,
    detail: z.string().optional(),
    headVersion: HeadPosition.optional(),
  }),
]);
export type PushResult = z.infer<typeof PushResultSchema>;
export type PushStatus = PushResult['status'];

/** One result per pushed event, in the order they were pushed. */
export const PushResponseSchema = z.strictObject({ results: z.array(PushResultSchema) });
export type PushResponse = z.infer<typeof PushResponseSchema>;

// ---- pull ----------------------------------------------------------------------------------

/** Query strings are strings: digits only, so '', '1e3' or ' 1' are malformed, not coerced. */
const Digits = z
  .string()
  .regex(/^\d{1,15}$/, 'a whole number')
  .transform(Number);

/**
 * `GET /v1/events`. `limit` and `waitMs` above the published limits are lowered to them; a page
 * also stops at limits.maxPullBytes (always holding at least one event, however large);
 * `waitMs` > 0 makes a long-poll that answers as soon as the tenant has an event after `after`.
 */
export const PullQuerySchema = z.strictObject({
  after: Digits.optional().default(0),
  limit: Digits.pipe(z.number().min(1)).optional().default(100),
  waitMs: Digits.optional().default(0),
});
export type PullQuery = z.infer<typeof PullQuerySchema>;

/** A stored event as HQ serves it: the envelope in its stored schemaVersion, plus HQ's fields. */
export const PulledEventSchema = EventEnvelopeSchema.extend({
  tenantId: Uuid,
  serverPosition: ServerPosition,
  receivedAt: Instant,
});
export type PulledEvent = z.infer<typeof PulledEventSchema>;

/**
 * Which log HQ serves: a UUID made when HQ's database was created and kept in it. A desk that
 * sees another logId than it synced with (an HQ replaced, or restored from a backup) stops sync
 * instead of diverging.
 */
export const LogId = Uuid;

export const PullResponseSchema = z.strictObject({
  logId: LogId,
  /** In serverPosition order, starting right after `after`, without gaps. */
  events: z.array(PulledEventSchema),
  /** The tenant's newest position when the page was read (>= every position in `events`). */
  head: HeadPosition,
  /** True when events after the last one returned exist: pull again at once. */
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

// ---- health and whoami ---------------------------------------------------------------------

export const HqLimitsSchema = z.strictObject({
  maxEventsPerPush: z.number().int().min(1),
  /** Bytes of one request body. */
  maxBodyBytes: z.number().int().min(1),
  /** Nesting depth of a JSON body (objects and arrays). */
  maxJsonDepth: z.number().int().min(1),
  maxPullLimit: z.number().int().min(1),
  /**
   * Bytes of a pull page's events (their data and meta as stored): a page stops before the event
   * that would take it over, but always holds one event when there is one, so `more` may be true
   * on a page shorter than `limit`.
   */
  maxPullBytes: z.number().int().min(1),
  maxWaitMs: z.number().int().min(0),
  /** Long-polls one device may hold open at once on one HQ process; beyond it, 429. */
  maxWaitingPullsPerDevice: z.number().int().min(1),
});
export type HqLimits = z.infer<typeof HqLimitsSchema>;

export const HealthResponseSchema = z.strictObject({
  ok: z.literal(true),
  /** HQ's own version. */
  version: AppVersion,
  logId: LogId,
  /** HQ's clock; a desk more than 2 minutes off warns. */
  serverTime: Instant,
  /** Pushes from an older app get 426, unless every event is already recorded. */
  minClientVersion: AppVersion,
  limits: HqLimitsSchema,
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/**
 * A health answer as a desk reads it: keys it does not know are dropped, and a limit added after
 * it (maxPullBytes, which the desk does not use) may be missing, so that a desk and an HQ one
 * version apart still sync; a desk that refused the answer could neither push nor pull. HQ's own
 * answer is held to HealthResponseSchema by its contract tests.
 */
export const HealthAnswerSchema = z.object({
  ...HealthResponseSchema.shape,
  limits: z.object({ ...HqLimitsSchema.shape, maxPullBytes: HqLimitsSchema.shape.maxPullBytes.optional() }),
});
export type HealthAnswer = z.infer<typeof HealthAnswerSchema>;

export const WhoamiResponseSchema = z.strictObject({
  tenantId: Uuid,
  tenantName: z.string(),
  /** The device record the token names. */
  deviceId: Uuid,
  name: z.string(),
  scope: DeviceScope,
  /** The installation bound at the device's first push; absent before it. */
  installationId: Uuid.optional(),
  /**
   * The lowest app version among the tenant's active (not revoked) devices that have reported one
   * (by pushing); null when none has. A desk emits an event type or schema version only when
   * every active device understands it.
   */
  lowestActiveAppVersion: AppVersion.nullable(),
});
export type WhoamiResponse = z.infer<typeof WhoamiResponseSchema>;

// ---- errors --------------------------------------------------------------------------------

export const HqErrorCode = z.enum([
  'MALFORMED',
  'UNAUTHENTICATED',
  'TENANT_MISMATCH',
  'INSTALLATION_MISMATCH',
  'SCOPE_FORBIDDEN',
  'NOT_FOUND',
  'BODY_TOO_LARGE',
  'TOO_MANY_EVENTS',
  'CLIENT_TOO_OLD',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
]);
export type HqErrorCode = z.infer<typeof HqErrorCode>;

/** Every non-2xx answer. 429 and 503 also carry a Retry-After header (seconds). */
export const HqErrorBodySchema = z.strictObject({
  error: z.strictObject({ code: HqErrorCode, message: z.string() }),
});
export type HqErrorBody = z.infer<typeof HqErrorBodySchema>;
