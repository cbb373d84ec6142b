import type { WeeklyHours } from './commands.js';

export type ClinicEvent = { type: 'ClinicConfigured'; data: { name: string; timeZone: string; hours: WeeklyHours } };
export type ClinicEventType = ClinicEvent['type'];
