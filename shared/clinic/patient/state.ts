/**
 * A patient record as its events say it is. Plain JSON data, tagged by status: a merged record
 * keeps its last known details and names the record it was merged into.
 */
export interface PatientDetails {
  readonly name: string;
  readonly phone: string;
  readonly chartNumber: string;
  readonly birthDate: string | null;
}

export type PatientState =
  | { readonly status: 'none' }
  | ({ readonly status: 'registered' } & PatientDetails)
  | ({ readonly status: 'merged'; readonly mergedInto: string } & PatientDetails);

export type PatientStatus = PatientState['status'];

export const initialPatientState = (): PatientState => ({ status: 'none' });
