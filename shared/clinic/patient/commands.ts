import { z } from 'zod';
import type { Command } from '../../eventsourcing/index.js';
import { patientRef, type ClinicCommandSpecs } from '../references.js';
import { Id, PersonName, Phone } from '../values.js';

/** Patient commands. DeskCore adds `chartNumber` to RegisterPatient (src-main/core/chart-numbers.ts). */
export const ChartNumber = z.string().regex(/^[A-Z0-9]{1,8}-[0-9]{1,9}$/, 'a chart number such as D7F3A-12');

export const patientCommandPayloads = {
  RegisterPatient: z.strictObject({
    name: PersonName,
    phone: Phone,
    birthDate: z.iso.date().optional(),
    chartNumber: ChartNumber,
  }),
  UpdatePatientContact: z
    .strictObject({ name: PersonName.optional(), phone: Phone.optional() })
    .refine((value) => value.name !== undefined || value.phone !== undefined, 'name or phone'),
  /** Sent to the stream of the patient that disappears; `into` is the survivor (the older id). */
  MergePatients: z.strictObject({ into: Id }),
} as const;

type Payloads = typeof patientCommandPayloads;
export type PatientCommandType = keyof Payloads;
export type PatientPayload<T extends PatientCommandType> = z.infer<Payloads[T]>;
export type PatientCommand = { [T in PatientCommandType]: Command<T, PatientPayload<T>> }[PatientCommandType];

/** Every patient command is an intent; a merge names the (older) record that survives. */
export const patientCommandSpecs = {
  RegisterPatient: { kind: 'intent', startsStream: true, references: {} },
  UpdatePatientContact: { kind: 'intent', startsStream: false, references: {} },
  MergePatients: { kind: 'intent', startsStream: false, references: { into: patientRef } },
} as const satisfies ClinicCommandSpecs<PatientCommand>;
