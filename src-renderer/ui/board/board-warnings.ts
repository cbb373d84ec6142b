import type { BoardVisit, Warning } from '../../../shared/contract/desk-views.js';

export type WarningKind = 'doubleBooked' | 'duplicatePatient' | 'anomaly';

/** The warnings that concern each visit shown (the board's, the week schedule's): its own, and its patient's. */
export const warningsByVisit = (visits: readonly (Pick<BoardVisit, 'visitId' | 'patientId'> & { readonly anomalies?: number })[], warnings: readonly Warning[]): ReadonlyMap<string, readonly WarningKind[]> => {
  const byVisit = new Map<string, Set<WarningKind>>();
  const add = (visitId: string, kind: WarningKind) => {
    const kinds = byVisit.get(visitId) ?? new Set<WarningKind>();
    kinds.add(kind);
    byVisit.set(visitId, kinds);
  };
  const duplicated = new Set<string>();
  for (const warning of warnings) {
    switch (warning.kind) {
      case 'doctor-double-booked':
        for (const visitId of warning.visitIds) add(visitId, 'doubleBooked');
        break;
      case 'duplicate-patient':
        for (const patientId of warning.patientIds) duplicated.add(patientId);
        break;
      case 'anomaly':
        add(warning.visitId, 'anomaly');
        break;
      case 'no-active-manager':
        break; // the whole clinic's, not a visit's: the board says it above the columns
    }
  }
  for (const visit of visits) {
    if (duplicated.has(visit.patientId)) add(visit.visitId, 'duplicatePatient');
    if ((visit.anomalies ?? 0) > 0) add(visit.visitId, 'anomaly');
  }
  return new Map([...byVisit].map(([visitId, kinds]) => [visitId, [...kinds]]));
};
