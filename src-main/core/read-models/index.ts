import type { Projection } from '../store/projection.js';
import { anomaliesProjection } from './anomalies.js';
import { auditTrailProjection } from './audit-trail.js';
import { clinicSettingsProjection } from './clinic-settings.js';
import { conflictsProjection } from './conflicts.js';
import { patientsProjection } from './patients.js';
import { staffProjection } from './staff.js';
import { visitsProjection } from './visits.js';

/**
 * The desk's inline read models, in the order they see each event: visits before the audit
 * trail, which reads a visit's patient from read_visits. The audit trail and the conflicts see
 * the kernel's conflict events too.
 */
export const deskProjections: readonly Projection[] = [
  visitsProjection,
  patientsProjection,
  staffProjection,
  clinicSettingsProjection,
  anomaliesProjection,
  auditTrailProjection,
  conflictsProjection,
];
