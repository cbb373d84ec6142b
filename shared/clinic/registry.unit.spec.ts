import { describe, expect, it } from 'vitest';
import * as clinic from './index.js';
import { COMMAND_PERMISSIONS, clinicCommandPayloads, clinicCommandSpec, clinicRegistry, clinicStreams, patientCommandPayloads, staffCommandPayloads, visitCommandPayloads, type ClinicCommandName } from './index.js';

const allCommandTypes: ClinicCommandName[] = [
  ...(Object.keys(visitCommandPayloads) as ClinicCommandName[]),
  ...(Object.keys(patientCommandPayloads) as ClinicCommandName[]),
  ...(Object.keys(staffCommandPayloads) as ClinicCommandName[]),
  ...(Object.keys(clinicCommandPayloads) as ClinicCommandName[]),
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

  it('routes each command with the spec its aggregate declares beside it', () => {
    for (const type of allCommandTypes) expect(clinicRegistry.routeCommand(type)?.spec, type).toBe(clinicCommandSpec(type));
  });

  it('has observations only on the visit stream: patient, staff and clinic commands are intents', () => {
    for (const definition of clinicStreams.filter((stream) => stream.streamType !== 'visit')) {
      for (const [type, spec] of Object.entries(definition.commands)) expect(spec.kind, type).toBe('intent');
    }
  });

  it('lets exactly the stream-opening commands omit the stream id', () => {
    const starting = allCommandTypes.filter((type) => clinicRegistry.routeCommand(type)?.spec.startsStream);
    expect(starting.sort()).toEqual(['RegisterPatient', 'RegisterStaff', 'RegisterWalkIn', 'Reserve']);
  });

  it('writes every event at schemaVersion 1', () => {
    const versions = clinicStreams.flatMap((definition) => Object.values(definition.events));
    expect(versions.length).toBe(23 + 3 + 5 + 1);
    expect(new Set(versions)).toEqual(new Set([1]));
  });

  it('snapshots visits', () => {
    expect(clinicRegistry.definition('visit')?.snapshot).toMatchObject({ schemaVersion: 3, every: 20 });
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
