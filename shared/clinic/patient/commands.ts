import { z } from 'zod';
import { builtOnFirstRead } from '../../contract/built-on-first-read.js';
import { intent, patientRef, type ClinicCommandSpecs, type CommandOf } from '../command-spec.js';
import { BirthDate, Id, PersonName, Phone } from '../values.js';

/** Patient commands. DeskCore adds `chartNumber` to RegisterPatient (src-main/core/chart-numbers.ts). */
export const ChartNumber = z.string().regex(/^[A-Z0-9]{1,8}-[0-9]{1,9}$/, 'a chart number such as D7F3A-12');

export const patientCommandPayloads = builtOnFirstRead({
  RegisterPatient: () => z.strictObject({
    name: PersonName,
    phone: Phone,
    birthDate: BirthDate.optional(),
    chartNumber: ChartNumber,
  }),
  UpdatePatientContact: () => z
    .strictObject({ name: PersonName.optional(), phone: Phone.optional() })
    .refine((value) => value.name !== undefined || value.phone !== undefined, 'name or phone'),
  /** Sent to the stream of the patient that disappears; `into` is the survivor (the older id). */
  MergePatients: () => z.strictObject({ into: Id }),
});

export type PatientCommandType = keyof typeof patientCommandPayloads;
export type PatientPayload<T extends PatientCommandType> = z.infer<(typeof patientCommandPayloads)[T]>;
export type PatientCommand = CommandOf<typeof patientCommandPayloads>;

/** Every patient command is an intent; a merge names the (older) record that survives. */
export const patientCommandSpecs = {
  RegisterPatient: { ...intent, startsStream: true },
  UpdatePatientContact: intent,
  MergePatients: { ...intent, references: { into: patientRef } },
} as const satisfies ClinicCommandSpecs<PatientCommand>;
