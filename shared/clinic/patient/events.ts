export type PatientEvent =
  | { type: 'PatientRegistered'; data: { name: string; phone: string; chartNumber: string; birthDate?: string } }
  | { type: 'PatientContactUpdated'; data: { name?: string; phone?: string } }
  | { type: 'PatientMerged'; data: { into: string } };

export type PatientEventType = PatientEvent['type'];
