/**
 * The desk RPC contract (docs/architecture.md, "Desk RPC contract"): one table of methods, each with the zod schema of its
 * arguments and the type of its result. DeskCore implements it once; the Electron IPC handler
 * and the browser host both carry it; the renderer's Bridge is typed by it.
 */
import { z } from 'zod';
import { builtOnFirstRead, buildersOf } from './built-on-first-read.js';
import { clinicCommandPayloads } from '../clinic/clinic/commands.js';
import { patientCommandPayloads } from '../clinic/patient/commands.js';
import { staffCommandPayloads } from '../clinic/staff/commands.js';
import { ROLES } from '../clinic/permissions.js';
import { PersonName, StaffRole, Text } from '../clinic/values.js';
import { visitCommandPayloads } from '../clinic/visit/commands.js';
import type * as View from './desk-views.js';
import type { EventEnvelope } from '../eventsourcing/event.js';
import type { DeskErrorCode } from './error-codes.js';
import { JsonObject } from './json-value.js';
import { Instant, LocalDate, StreamId, StreamUuid, Uuid } from './values.js';

/** 4 to 8 digits. Only ever sent to staff.register, staff.changePin and session.signIn. */
export const Pin = z.string().regex(/^[0-9]{4,8}$/, '4 to 8 digits');

const Empty = z.strictObject({});

/** HQ's address: https, or plain http only to this machine (the token must not cross a LAN in clear). */
export const HqUrl = z
  .url({ protocol: /^https?$/, message: 'an http(s) URL' })
  .max(500)
  .refine((url) => url.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url), 'https, or http only to this machine');

/** A device token as HQ issues it: printable token characters only. */
export const HqToken = z.string().regex(/^[A-Za-z0-9._~+/=-]{16,200}$/, 'a device token');

/**
 * Commands the renderer may send through command.execute, with their payloads. RegisterPatient's
 * chart number and a staff removal's count of active managers are added by the desk; staff
 * commands that carry a PIN hash are reached only through staff.register and staff.changePin,
 * because a PIN must be hashed before a command exists; RestoreManager only from a desk's machine.
 */
const executablePayloads = builtOnFirstRead({
  ...buildersOf(visitCommandPayloads),
  RegisterPatient: () => patientCommandPayloads.RegisterPatient.omit({ chartNumber: true }),
  UpdatePatientContact: () => patientCommandPayloads.UpdatePatientContact,
  MergePatients: () => patientCommandPayloads.MergePatients,
  ChangeStaffRole: () => staffCommandPayloads.ChangeStaffRole.omit({ activeManagers: true }),
  DeactivateStaff: () => staffCommandPayloads.DeactivateStaff.omit({ activeManagers: true }),
  ConfigureClinic: () => clinicCommandPayloads.ConfigureClinic,
});
export type ExecutableCommandType = keyof typeof executablePayloads;
export const EXECUTABLE_COMMAND_TYPES = Object.keys(executablePayloads) as ExecutableCommandType[];
export const isExecutableCommandType = (type: string): type is ExecutableCommandType => Object.hasOwn(executablePayloads, type);

/** The payload of a command the renderer may send, parsed as command.execute parses it (an edited conflict retry too). */
export const parseExecutablePayload = (type: ExecutableCommandType, payload: unknown): z.ZodSafeParseResult<unknown> =>
  (executablePayloads[type] as z.ZodType).safeParse(payload);

/**
 * The staff id the screen showed when a person made a change: every call that changes clinic
 * data carries it (METHOD_KIND), and DeskCore refuses the call with SESSION_CHANGED when someone
 * else is signed in at the desk now, rather than record it under the wrong person.
 */
const ActingStaffId = Uuid;

type Payloads = typeof executablePayloads;
/** command.execute's arguments as the renderer sends them, one variant per command type. */
export type CommandExecuteInput = {
  [T in ExecutableCommandType]: { commandId?: string; type: T; streamId?: string; payload: z.input<Payloads[T]>; actingStaffId: string };
}[ExecutableCommandType];
/** …and as DeskCore receives them after parsing (defaults applied). */
export type CommandExecuteParsed = {
  [T in ExecutableCommandType]: { commandId?: string; type: T; streamId?: string; payload: z.output<Payloads[T]>; actingStaffId: string };
}[ExecutableCommandType];

/**
 * Visit, patient and staff streams are named by UUIDv7s (a client may name a new one, e.g. to
 * retry safely); only the clinic's own stream has a fixed name.
 */
const executeVariant = (type: ExecutableCommandType) =>
  z.strictObject({
    commandId: Uuid.optional(),
    type: z.literal(type),
    streamId: (type === 'ConfigureClinic' ? StreamId : StreamUuid).optional(),
    payload: executablePayloads[type],
    actingStaffId: ActingStaffId,
  });

// zod cannot infer a discriminated union built from a list, so its type is stated here.
const commandExecuteArgs = (): z.ZodType<CommandExecuteParsed, CommandExecuteInput> =>
  z.discriminatedUnion(
    'type',
    EXECUTABLE_COMMAND_TYPES.map(executeVariant) as [ReturnType<typeof executeVariant>, ...ReturnType<typeof executeVariant>[]],
  ) as unknown as z.ZodType<CommandExecuteParsed, CommandExecuteInput>;

const auditQueryArgs = () =>
  z
    .strictObject({
      staffId: Uuid.optional(),
      patientId: Uuid.optional(),
      from: Instant.optional(),
      to: Instant.optional(),
      limit: z.number().int().min(1).max(500),
      cursor: z.string().min(1).max(200).optional(),
    })
    .refine((args) => !args.from || !args.to || Date.parse(args.from) < Date.parse(args.to), 'from before to');

/** Each method's arguments, built on the method's first call (built-on-first-read.ts). */
export const deskRpcArgs = builtOnFirstRead({
  'desk.status': () => Empty,
  'staff.list': () => Empty,
  /** `actingStaffId` while someone is signed in; without it only as the clinic's first manager. */
  'staff.register': () => z.strictObject({ name: PersonName, role: StaffRole, pin: Pin, actingStaffId: ActingStaffId.optional() }),
  /** Changing your own PIN asks for the current one; a manager changing someone else's does not. */
  'staff.changePin': () => z.strictObject({ staffId: Uuid, pin: Pin, currentPin: Pin.optional(), actingStaffId: ActingStaffId }),
  'session.signIn': () => z.strictObject({ staffId: Uuid, pin: Pin }),
  'session.signOut': () => Empty,
  'command.execute': commandExecuteArgs,
  'board.day': () => z.strictObject({ date: LocalDate }),
  'schedule.range': () => z
    .strictObject({ from: Instant, to: Instant, doctorId: Uuid.optional() })
    .refine((args) => Date.parse(args.from) < Date.parse(args.to), 'from before to'),
  'patients.search': () => z.strictObject({ q: z.string().trim().min(1).max(60) }),
  'patients.get': () => z.strictObject({ patientId: Uuid }),
  'visit.get': () => z.strictObject({ visitId: Uuid }),
  'visit.history': () => z.strictObject({ visitId: Uuid }),
  'visit.stateAt': () => z.union([
    z.strictObject({ visitId: Uuid, version: z.number().int().min(0).max(1_000_000) }),
    z.strictObject({ visitId: Uuid, at: Instant }),
  ]),
  'audit.query': auditQueryArgs,
  'warnings.list': () => z.strictObject({ from: Instant.optional(), to: Instant.optional() }),
  'sync.status': () => Empty,
  'sync.now': () => Empty,
  'sync.configure': () => z.strictObject({
    hqUrl: HqUrl,
    token: HqToken,
    actingStaffId: ActingStaffId,
  }),
  /** A manager releases a quarantined or stopped stream: its commands re-run into fresh events. */
  'sync.retryStream': () => z.strictObject({ streamId: StreamId, actingStaffId: ActingStaffId }),
  /** Asks HQ who this desk's token names (the settings screen). */
  'sync.whoami': () => Empty,
  'conflicts.list': () => Empty,
  'conflicts.resolve': () => z.strictObject({
    conflictId: Uuid,
    action: z.enum(['retry', 'dismiss']),
    payload: JsonObject.optional(),
    reason: Text(500).optional(),
    actingStaffId: ActingStaffId,
  }),
});

export interface DeskResults {
  'desk.status': View.DeskStatus;
  'staff.list': { items: View.StaffSummary[] };
  'staff.register': { streamId: string };
  'staff.changePin': { streamId: string; version: number };
  'session.signIn': View.SessionInfo;
  'session.signOut': Record<string, never>;
  'command.execute': { streamId: string; version: number; events: readonly EventEnvelope[] };
  'board.day': View.DayBoard;
  'schedule.range': { items: View.ScheduledVisit[] };
  'patients.search': { items: View.PatientSummary[] };
  'patients.get': View.PatientDetail;
  'visit.get': View.VisitDetail;
  'visit.history': { events: readonly EventEnvelope[] };
  'visit.stateAt': View.VisitAsOf;
  'audit.query': { items: View.AuditEntry[]; cursor?: string };
  'warnings.list': { items: View.Warning[] };
  'sync.status': View.SyncStatus;
  'sync.now': View.SyncStatus;
  'sync.configure': { hqUrl: string };
  'sync.retryStream': View.SyncStatus;
  'sync.whoami': View.HqIdentity;
  'conflicts.list': { items: View.Conflict[] };
  'conflicts.resolve': { conflictId: string; status: 'retried' | 'dismissed' };
}

export type DeskMethod = keyof typeof deskRpcArgs;
export const DESK_METHODS = Object.keys(deskRpcArgs) as DeskMethod[];
export type DeskArgs<M extends DeskMethod> = z.input<(typeof deskRpcArgs)[M]>;
export type DeskParsedArgs<M extends DeskMethod> = z.output<(typeof deskRpcArgs)[M]>;

/**
 * Who may call each method: anyone at the desk (`public`), any signed-in staff member, or
 * signed-in staff of the roles given. DeskCore checks this once, before the handler runs, so a
 * handler of a signed-in method always has its Actor. Role lists come from shared/clinic/
 * permissions.ts; a staff.register or staff.changePin for someone else also needs the command's
 * own permission, which its handler checks.
 */
export type MethodAccess = 'public' | 'signed-in' | { readonly roles: readonly StaffRole[]; readonly what: string };

export const METHOD_ACCESS = {
  'desk.status': 'public',
  'staff.list': 'public',
  // The clinic's first manager is registered before anyone can sign in.
  'staff.register': 'public',
  'staff.changePin': 'signed-in',
  'session.signIn': 'public',
  'session.signOut': 'signed-in',
  'command.execute': 'signed-in',
  'board.day': 'signed-in',
  'schedule.range': 'signed-in',
  'patients.search': 'signed-in',
  'patients.get': 'signed-in',
  'visit.get': 'signed-in',
  'visit.history': 'signed-in',
  'visit.stateAt': 'signed-in',
  // Who did what to which patient: for managers.
  'audit.query': { roles: ROLES.managers, what: 'The audit trail' },
  'warnings.list': 'signed-in',
  'sync.status': 'signed-in',
  'sync.now': 'signed-in',
  'sync.configure': { roles: ROLES.managers, what: 'Connecting the desk to HQ' },
  'sync.retryStream': { roles: ROLES.managers, what: 'Releasing a stream HQ refused' },
  'sync.whoami': { roles: ROLES.managers, what: 'Asking HQ about this desk' },
  'conflicts.list': 'signed-in',
  'conflicts.resolve': 'signed-in',
} as const satisfies { readonly [M in DeskMethod]: MethodAccess };

/**
 * What each call is to the desk's session, declared once and applied by DeskCore to every method:
 *  - `change`: changes clinic data for the person the screen shows. Its arguments carry
 *    `actingStaffId` (staff.register's only while someone is signed in: the clinic's first manager
 *    is registered before anyone can be), and DeskCore refuses it with SESSION_CHANGED when
 *    someone else is signed in now. It is what a person does: it keeps the desk signed in.
 *  - `session`: signs a person in (which starts the idle time) or out.
 *  - `screen`: what a screen asks on its own, and asks again after every change notice: reads,
 *    polls, a nudge to sync. Never activity: with sync delivering notices all day, a desk whose
 *    screens re-read would otherwise never sign out.
 */
export type MethodKind = 'change' | 'session' | 'screen';

export const METHOD_KIND = {
  'desk.status': 'screen',
  'staff.list': 'screen',
  'staff.register': 'change',
  'staff.changePin': 'change',
  'session.signIn': 'session',
  'session.signOut': 'session',
  'command.execute': 'change',
  'board.day': 'screen',
  'schedule.range': 'screen',
  'patients.search': 'screen',
  'patients.get': 'screen',
  'visit.get': 'screen',
  'visit.history': 'screen',
  'visit.stateAt': 'screen',
  'audit.query': 'screen',
  'warnings.list': 'screen',
  'sync.status': 'screen',
  'sync.now': 'screen',
  'sync.configure': 'change',
  'sync.retryStream': 'change',
  'sync.whoami': 'screen',
  'conflicts.list': 'screen',
  'conflicts.resolve': 'change',
} as const satisfies { readonly [M in DeskMethod]: MethodKind };

/** The methods that change clinic data for the person a screen shows. */
export type ChangeMethod = { [M in DeskMethod]: (typeof METHOD_KIND)[M] extends 'change' ? M : never }[DeskMethod];
export const isChangeMethod = (method: DeskMethod): method is ChangeMethod => METHOD_KIND[method] === 'change';

// Every change method's arguments declare actingStaffId: one that does not fails to compile here.
type WithoutActingStaffId = { [M in ChangeMethod]: 'actingStaffId' extends keyof DeskParsedArgs<M> ? never : M }[ChangeMethod];
const _everyChangeNamesItsPerson: [WithoutActingStaffId] extends [never] ? true : WithoutActingStaffId = true;

/** A change method's arguments without `actingStaffId`, for a caller that adds the person it acts for. */
export type WithoutActing<Args> = Args extends unknown ? Omit<Args, 'actingStaffId'> : never;

/** A command as a screen (or a script) builds it, before the sender adds the person it acts for. */
export type CommandDraft = WithoutActing<CommandExecuteInput>;

/** Methods that work without a signed-in staff member. */
export type PublicMethod = { [M in DeskMethod]: (typeof METHOD_ACCESS)[M] extends 'public' ? M : never }[DeskMethod];
export const isPublicMethod = (method: DeskMethod): method is PublicMethod => METHOD_ACCESS[method] === 'public';

export const isDeskMethod = (name: unknown): name is DeskMethod => typeof name === 'string' && Object.hasOwn(deskRpcArgs, name);

const argSchemas: { readonly [M in DeskMethod]: z.ZodType<DeskParsedArgs<M>, DeskArgs<M>> } = deskRpcArgs;

/** Parses one method's arguments with the contract. DeskCore does this, once, for both hosts. */
export const parseDeskArgs = <M extends DeskMethod>(method: M, args: unknown): z.ZodSafeParseResult<DeskParsedArgs<M>> =>
  argSchemas[method].safeParse(args);

/** A refusal: a code from the one union of the desk's codes, and a message for people. */
export interface RpcError {
  readonly code: DeskErrorCode;
  readonly message: string;
}
export type RpcResponse<T> = { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: RpcError };

/** Pushed to the renderer when something it shows may have changed. */
export const ChangeNotice = z.strictObject({
  kind: z.enum(['events', 'sync', 'session']),
  position: z.number().int().min(0).optional(),
  /** The streams that changed; absent when every list may have changed at once (a new desk's records built): screens reload, announcing nothing. */
  streamIds: z.array(z.string()).max(1000).optional(),
});
export type ChangeNotice = z.infer<typeof ChangeNotice>;

/** One call of the contract, typed from the renderer's Bridge down to DeskCore's handlers. */
export type DeskInvoke = <M extends DeskMethod>(method: M, args: DeskArgs<M>) => Promise<RpcResponse<DeskResults[M]>>;

/** What both transports expose, typed by the contract (the Bridge of the renderer). */
export interface DeskBridge {
  readonly invoke: DeskInvoke;
  /** Returns a function that stops the notifications. */
  readonly onChange: (listener: (notice: ChangeNotice) => void) => () => void;
}
