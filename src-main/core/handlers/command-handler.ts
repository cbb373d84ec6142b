/**
 * command.execute: the renderer's way to change anything in the clinic. The arguments are already
 * parsed by the contract. Here the desk adds what only it knows — the time, who is signed in, a
 * chart number, the clinic stream's fixed id — checks the role table and the references a person
 * picked from lists (the patients and staff each command's aggregate declares it names), and runs
 * the command.
 */
import { CLINIC_STREAM_ID } from '../../../shared/clinic/clinic/commands.js';
import type { Reference } from '../../../shared/clinic/command-spec.js';
import { clinicCommandSpec, clinicRegistry } from '../../../shared/clinic/registry.js';
import type { StaffRole } from '../../../shared/clinic/values.js';
import type { DeskParsedArgs } from '../../../shared/contract/desk-rpc.js';
import { chartNumbers } from '../chart-numbers.js';
import type { DeskContext, DeskHandlers } from '../desk-context.js';
import { deskError } from '../rpc-errors.js';
import { authorizeCommand, issueCommand } from './issue-command.js';
import { withManagerCount } from './manager-count.js';

type Args = DeskParsedArgs<'command.execute'>;

/** How far a client's clock may be from the desk's when it makes a new stream's id. */
const NEW_ID_WINDOW_MS = 24 * 60 * 60_000;

export const commandHandler = (context: DeskContext): Pick<DeskHandlers, 'command.execute'> => {
  // Everything a command reads to decide is read inside its write transaction, on the writer.
  const reads = context.decisionReads;
  const charts = chartNumbers(context.store.writer, context.deskPrefix);

  const requirePatient = (patientId: string, field: string): void => {
    const patient = reads.patients.summary(patientId);
    if (!patient) throw deskError('NOT_FOUND', `${field}: no patient ${patientId} on this desk`);
    if (patient.mergedInto) {
      throw deskError('PATIENT_MERGED', `${field}: this record was merged into ${patient.mergedInto}; use that one`);
    }
  };

  const requireStaff = (staffId: string, roles: readonly StaffRole[], field: string): void => {
    const staff = reads.staff.get(staffId);
    if (!staff) throw deskError('NOT_FOUND', `${field}: no staff member ${staffId} on this desk`);
    if (!staff.active) throw deskError('VALIDATION', `${field}: ${staff.name} is deactivated`);
    if (!roles.includes(staff.role)) throw deskError('VALIDATION', `${field}: ${staff.name} is a ${staff.role}, not a ${roles.join(' or ')}`);
  };

  /** Checks the references the command's aggregate declares; the offline desk checks what it knows locally. */
  const checkReferences = (args: Args): void => {
    const payload: Readonly<Record<string, unknown>> = args.payload;
    const references: Readonly<Record<string, Reference | undefined>> = clinicCommandSpec(args.type).references;
    for (const [field, reference] of Object.entries(references)) {
      const id = payload[field];
      if (reference === undefined || typeof id !== 'string') continue; // an optional field left out
      if (reference.stream === 'patient') requirePatient(id, `payload.${field}`);
      else requireStaff(id, reference.roles, `payload.${field}`);
    }
  };

  /**
   * A client may name the stream a command starts (to retry safely), but the id must be a fresh
   * UUIDv7: its time decides which of two merged patients survives, so an id from another time
   * could win a merge it should lose.
   */
  const checkNewStreamId = (args: Args, commandId: string): void => {
    if (args.streamId === undefined || !clinicRegistry.routeCommand(args.type)?.spec.startsStream) return;
    if (context.store.events.findCommand(commandId)) return; // a retry: dedupe answers it
    const minted = parseInt(args.streamId.replace(/-/g, '').slice(0, 12), 16);
    if (Math.abs(minted - context.now().getTime()) > NEW_ID_WINDOW_MS) {
      throw deskError('VALIDATION', 'streamId: a new stream needs a UUIDv7 made now (or no streamId at all)');
    }
  };

  /** The command's stream id and payload as the domain needs them, with what only the desk knows added. */
  const complete = (args: Args, commandId: string): { streamId: string | undefined; payload: unknown } => {
    // A retried command keeps what the desk first added to it, so it dedupes as the same command.
    const recorded: unknown = context.store.events.findCommand(commandId)?.command.payload;
    switch (args.type) {
      case 'ConfigureClinic':
        if (args.streamId !== undefined && args.streamId !== CLINIC_STREAM_ID) {
          throw deskError('VALIDATION', `streamId: the clinic's stream is "${CLINIC_STREAM_ID}"`);
        }
        return { streamId: CLINIC_STREAM_ID, payload: args.payload };
      case 'RegisterPatient': {
        const earlier = (recorded as { chartNumber?: unknown } | undefined)?.chartNumber;
        const chartNumber = typeof earlier === 'string' ? earlier : charts.next();
        return { streamId: args.streamId, payload: { ...args.payload, chartNumber } };
      }
      case 'ChangeStaffRole':
      case 'DeactivateStaff':
        return { streamId: args.streamId, payload: withManagerCount(reads.staff, args.type, args.payload, recorded) };
      default:
        return { streamId: args.streamId, payload: args.payload };
    }
  };

  return {
    'command.execute': (args, actor) => {
      authorizeCommand(actor, args.type);
      const commandId = args.commandId ?? context.ids.newId();
      const result = issueCommand(context, actor, () => {
        checkReferences(args);
        checkNewStreamId(args, commandId);
        const { streamId, payload } = complete(args, commandId);
        return { commandId, type: args.type, streamId, payload };
      });
      return { streamId: result.streamId, version: result.version, events: result.events };
    },
  };
};
