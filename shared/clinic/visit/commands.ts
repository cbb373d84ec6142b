import { z } from 'zod';
import { builtOnFirstRead } from '../../contract/built-on-first-read.js';
import type { IntentTypeOf, ObservationTypeOf } from '../../eventsourcing/index.js';
import { ROLES } from '../permissions.js';
import { intent, observation, patientRef, staffRef, type ClinicCommandSpecs, type CommandOf } from '../command-spec.js';
import { Id, Instant, Krw, KrwOrZero, PaymentMethod, Text } from '../values.js';

/**
 * Visit commands: their payloads and, beside them, what else is known about each (docs/architecture.md, "Clinic domain"). The
 * payload schemas are the single source of truth: the desk RPC contract validates with them and
 * the types below are inferred from them.
 */

export const PlanItemInput = z.strictObject({
  name: Text(80),
  price: KrwOrZero.optional(),
  discount: KrwOrZero.optional(),
});

/** Plan items are numbered "1", "2", … within their visit (see state.ts). */
export const PlanItemId = z.string().regex(/^[1-9][0-9]{0,5}$/, 'a plan item number such as "1"');

/** In a plan change, an item keeps its identity by naming its itemId; new items have none. */
export const PlanChangeItem = PlanItemInput.extend({ itemId: PlanItemId.optional() });

const Deposit = z.strictObject({ amount: Krw, method: PaymentMethod });

export const visitCommandPayloads = builtOnFirstRead({
  Reserve: () => z.strictObject({
    patientId: Id,
    startAt: Instant,
    endAt: Instant,
    doctorId: Id.optional(),
    purpose: Text(200).optional(),
    channel: z.enum(['phone', 'walk-in', 'online', 'app']).optional(),
    deposit: Deposit.optional(),
    /** A known procedure booked directly: the visit needs no consultation. */
    plan: z.array(PlanItemInput).min(1).max(30).optional(),
  }),
  Reschedule: () => z.strictObject({ startAt: Instant, endAt: Instant, doctorId: Id.optional() }),
  CancelReservation: () => z.strictObject({ reason: Text(500).optional() }),
  MarkNoShow: () => z.strictObject({}),
  CheckIn: () => z.strictObject({ channel: z.enum(['kiosk', 'desk']) }),
  RegisterWalkIn: () => z.strictObject({
    patientId: Id,
    doctorId: Id.optional(),
    purpose: Text(200).optional(),
    plan: z.array(PlanItemInput).min(1).max(30).optional(),
  }),
  AbandonVisit: () => z.strictObject({ reason: Text(500).optional() }),
  AssignDoctor: () => z.strictObject({ doctorId: Id }),
  StartConsultation: () => z.strictObject({ consultantId: Id }),
  CompleteConsultation: () => z.strictObject({ plan: z.array(PlanItemInput).max(30) }),
  ChangeProcedurePlan: () => z.strictObject({ plan: z.array(PlanChangeItem).max(30), reason: Text(500).optional() }),
  StartProcedure: () => z.strictObject({ itemId: PlanItemId, performedBy: Id }),
  CompleteProcedure: () => z.strictObject({ itemId: PlanItemId }),
  SkipProcedure: () => z.strictObject({ itemId: PlanItemId, reason: Text(500) }),
  TakePhotos: () => z.strictObject({ stage: z.enum(['before', 'after']), count: z.number().int().min(1).max(200) }),
  StartSoothingCare: () => z.strictObject({}),
  CompleteSoothingCare: () => z.strictObject({}),
  RecordPayment: () => z.strictObject({ amount: Krw, method: PaymentMethod }),
  RefundPayment: () => z.strictObject({ amount: Krw, method: PaymentMethod.optional(), reason: Text(500).optional() }),
  CheckOut: () => z.strictObject({}),
  AddMemo: () => z.strictObject({ text: Text(2000) }),
  /** The patient signed a consent form: its short name and the version of its text. */
  RecordConsent: () => z.strictObject({ form: Text(100), formVersion: Text(40) }),
});

export type VisitCommandType = keyof typeof visitCommandPayloads;
export type VisitPayload<T extends VisitCommandType> = z.infer<(typeof visitCommandPayloads)[T]>;
export type VisitCommand = CommandOf<typeof visitCommandPayloads>;
export type VisitCommandOf<T extends VisitCommandType> = Extract<VisitCommand, { type: T }>;

/**
 * Per command: an intent (a plan a rebase may turn into a conflict) or an observation (what
 * physically happened: always recorded), whether it opens a new visit, and which payload fields
 * name a patient or a staff member (checked by the desk; a named staff member needs one of the
 * roles given). This table is the one place that says which commands are observations.
 */
export const visitCommandSpecs = {
  Reserve: { ...intent, startsStream: true, references: { patientId: patientRef, doctorId: staffRef(ROLES.doctors) } },
  Reschedule: { ...intent, references: { doctorId: staffRef(ROLES.doctors) } },
  CancelReservation: intent,
  MarkNoShow: intent,
  // A plan for who will see the patient, not a physical fact.
  AssignDoctor: { ...intent, references: { doctorId: staffRef(ROLES.doctors) } },
  ChangeProcedurePlan: intent,
  CheckIn: observation,
  RegisterWalkIn: { ...observation, startsStream: true, references: { patientId: patientRef, doctorId: staffRef(ROLES.doctors) } },
  AbandonVisit: observation,
  StartConsultation: { ...observation, references: { consultantId: staffRef(ROLES.clinical) } },
  CompleteConsultation: observation,
  StartProcedure: { ...observation, references: { performedBy: staffRef(ROLES.treating) } },
  CompleteProcedure: observation,
  SkipProcedure: observation,
  TakePhotos: observation,
  StartSoothingCare: observation,
  CompleteSoothingCare: observation,
  RecordPayment: observation,
  RefundPayment: observation,
  CheckOut: observation,
  AddMemo: observation,
  RecordConsent: observation,
} as const satisfies ClinicCommandSpecs<VisitCommand>;

export type VisitObservationType = ObservationTypeOf<typeof visitCommandSpecs>;
export type VisitIntentType = IntentTypeOf<typeof visitCommandSpecs>;
export type VisitObservation = Extract<VisitCommand, { type: VisitObservationType }>;
export type VisitIntent = Extract<VisitCommand, { type: VisitIntentType }>;

export const isVisitObservation = (command: VisitCommand): command is VisitObservation =>
  visitCommandSpecs[command.type].kind === 'observation';
