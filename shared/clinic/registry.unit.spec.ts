import { describe, expect, it } from 'vitest';
import * as clinic from './index.js';
import { OBSERVATIONS } from './testing/commands.js';
import { COMMAND_PERMISSIONS, clinicCommandPayloads, clinicRegistry, clinicStreams, patientCommandPayloads, staffCommandPayloads, visitCommandPayloads } from './index.js';

const allCommandTypes = [
  ...Object.keys(visitCommandPayloads),
  ...Object.keys(patientCommandPayloads),
  ...Object.keys(staffCommandPayloads),
  ...Object.keys(clinicCommandPayloads),
];


describe('clinic registry', () => {
  it('holds the four stream types', () => {
    expect(clinicRegistry.streamTypes).toEqual(['visit', 'patient', 'staff', 'clinic']);
    expect(clinicStreams.map((definition) => definition.streamType)).toEqual(clinicRegistry.streamTypes);
  });

  it('routes every command of the catalog, and only those', () => {
    const routed = clinicStreams.flatMap((definition) => Object.keys(definition.commands));
    expect(routed.sort()).toEqual([...allCommandTypes].sort());
    for (const type of allCommandTypes) expect(clinicRegistry.routeCommand(type), type).toBeDefined();
  });

  it('classifies intents and observations as DESIGN §3 does', () => {
    for (const type of allCommandTypes) {
      expect(clinicRegistry.routeCommand(type)?.spec.kind, type).toBe((OBSERVATIONS as readonly string[]).includes(type) ? 'observation' : 'intent');
    }
  });

  it('lets exactly the stream-opening commands omit the stream id', () => {
    const starting = allCommandTypes.filter((type) => clinicRegistry.routeCommand(type)?.spec.startsStream);
    expect(starting.sort()).toEqual(['RegisterPatient', 'RegisterStaff', 'RegisterWalkIn', 'Reserve']);
  });

  it('writes every event at schemaVersion 1', () => {
    const versions = clinicStreams.flatMap((definition) => Object.values(definition.events));
    expect(versions.length).toBe(22 + 3 + 4 + 1);
    expect(new Set(versions)).toEqual(new Set([1]));
  });

  it('snapshots visits', () => {
    expect(clinicRegistry.definition('visit')?.snapshot).toMatchObject({ schemaVersion: 1, every: 20 });
  });

  it('has a permission rule for every command it routes', () => {
    expect(Object.keys(COMMAND_PERMISSIONS).sort()).toEqual([...allCommandTypes].sort());
  });

  it('exports the public parts from one index', () => {
    for (const name of [
      'visitStream',
      'patientStream',
      'staffStream',
      'clinicStream',
      'clinicRegistry',
      'clinicStreams',
      'ClinicErrorCode',
      'COMMAND_PERMISSIONS',
      'mayIssue',
      'balanceOf',
      'initialVisitState',
      'visitCommandPayloads',
      'CLINIC_STREAM_ID',
      'PinHash',
      'ChartNumber',
    ]) {
      expect(clinic, name).toHaveProperty(name);
    }
  });
});
