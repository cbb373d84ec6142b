/**
 * One valid argument set per desk method (one per command type for command.execute, one per
 * variant for visit.stateAt), with every optional and nested field filled in, and a walker that
 * lists every field of such a set together with that field's own zod schema. Bad-input tests
 * replace one field at a time, so that a refusal can only come from the value under test.
 */
import { randomUUID } from 'node:crypto';
import { v7 } from 'uuid';
import { z } from 'zod';
import type { CommandExecuteInput, DeskArgs, DeskMethod, ExecutableCommandType } from '../../shared/contract/desk-rpc.js';

/** Streams and people the valid arguments refer to (a desk made by staffedDesk plus one visit). */
export interface DeskIds {
  readonly visitId: string;
  readonly patientId: string;
  readonly staff: { readonly manager: string; readonly counselor: string; readonly doctor: string; readonly nurse: string };
  /** The desk's clock: a new stream's id must be a UUIDv7 made now. */
  readonly now: () => Date;
  /** Who is signed in when the calls are made: every change names them (`actingStaffId`). */
  readonly acting: string;
}

type CommandArgs<T extends ExecutableCommandType> = Extract<CommandExecuteInput, { type: T }>;
export type ValidCall = { [M in DeskMethod]: { readonly method: M; readonly args: DeskArgs<M> } }[DeskMethod];

const START = '2026-11-27T01:00:00.000Z';
const END = '2026-11-27T01:30:00.000Z';
const PLAN_ITEM = { name: '보톡스 이마', price: 120_000, discount: 20_000 };
const HOURS = { open: '10:00', close: '19:00' };

/** A valid command.execute argument set per executable command type, every payload field present. */
export const validCommandArgs = (ids: DeskIds): { [T in ExecutableCommandType]: CommandArgs<T> } => {
  const { visitId, patientId, staff } = ids;
  const newStream = () => v7({ msecs: ids.now().getTime() });
  const acting = { actingStaffId: ids.acting };
  const onVisit = { commandId: randomUUID(), streamId: visitId, ...acting };
  return {
    Reserve: {
      type: 'Reserve',
      ...acting,
      commandId: randomUUID(),
      streamId: newStream(),
      payload: {
        patientId,
        startAt: START,
        endAt: END,
        doctorId: staff.doctor,
        purpose: '이마 보톡스 상담',
        channel: 'phone',
        deposit: { amount: 10_000, method: 'card' },
        plan: [PLAN_ITEM],
      },
    },
    Reschedule: { type: 'Reschedule', ...onVisit, payload: { startAt: START, endAt: END, doctorId: staff.doctor } },
    CancelReservation: { type: 'CancelReservation', ...onVisit, payload: { reason: '환자 요청' } },
    MarkNoShow: { type: 'MarkNoShow', ...onVisit, payload: {} },
    CheckIn: { type: 'CheckIn', ...onVisit, payload: { channel: 'desk' } },
    RegisterWalkIn: {
      type: 'RegisterWalkIn',
      ...acting,
      commandId: randomUUID(),
      streamId: newStream(),
      payload: { patientId, doctorId: staff.doctor, purpose: '여드름 상담', plan: [PLAN_ITEM] },
    },
    AbandonVisit: { type: 'AbandonVisit', ...onVisit, payload: { reason: '대기 시간이 길어 귀가' } },
    AssignDoctor: { type: 'AssignDoctor', ...onVisit, payload: { doctorId: staff.doctor } },
    StartConsultation: { type: 'StartConsultation', ...onVisit, payload: { consultantId: staff.counselor } },
    CompleteConsultation: { type: 'CompleteConsultation', ...onVisit, payload: { plan: [PLAN_ITEM] } },
    ChangeProcedurePlan: {
      type: 'ChangeProcedurePlan',
      ...acting,
      ...onVisit,
      payload: { plan: [{ itemId: '1', ...PLAN_ITEM }], reason: '용량 조정' },
    },
    StartProcedure: { type: 'StartProcedure', ...onVisit, payload: { itemId: '1', performedBy: staff.doctor } },
    CompleteProcedure: { type: 'CompleteProcedure', ...onVisit, payload: { itemId: '1' } },
    SkipProcedure: { type: 'SkipProcedure', ...onVisit, payload: { itemId: '1', reason: '피부 자극' } },
    TakePhotos: { type: 'TakePhotos', ...onVisit, payload: { stage: 'before', count: 3 } },
    StartSoothingCare: { type: 'StartSoothingCare', ...onVisit, payload: {} },
    CompleteSoothingCare: { type: 'CompleteSoothingCare', ...onVisit, payload: {} },
    RecordPayment: { type: 'RecordPayment', ...onVisit, payload: { amount: 100_000, method: 'card' } },
    RefundPayment: { type: 'RefundPayment', ...onVisit, payload: { amount: 5_000, method: 'cash', reason: '부분 환불' } },
    CheckOut: { type: 'CheckOut', ...onVisit, payload: {} },
    AddMemo: { type: 'AddMemo', ...onVisit, payload: { text: '창가 자리 선호' } },
    RecordConsent: { type: 'RecordConsent', ...onVisit, payload: { form: '보톡스 시술 동의서', formVersion: '2026-01' } },
    RegisterPatient: {
      type: 'RegisterPatient',
      ...acting,
      commandId: randomUUID(),
      streamId: newStream(),
      payload: { name: '박지민', phone: '010-3456-7890', birthDate: '1990-05-01' },
    },
    UpdatePatientContact: {
      type: 'UpdatePatientContact',
      ...acting,
      commandId: randomUUID(),
      streamId: patientId,
      payload: { name: '김민수', phone: '010-2345-0000' },
    },
    MergePatients: { type: 'MergePatients', commandId: randomUUID(), ...acting, streamId: patientId, payload: { into: randomUUID() } },
    ChangeStaffRole: { type: 'ChangeStaffRole', commandId: randomUUID(), ...acting, streamId: staff.nurse, payload: { role: 'desk' } },
    DeactivateStaff: { type: 'DeactivateStaff', commandId: randomUUID(), ...acting, streamId: staff.nurse, payload: { reason: '퇴사' } },
    ConfigureClinic: {
      type: 'ConfigureClinic',
      ...acting,
      commandId: randomUUID(),
      streamId: 'clinic',
      payload: {
        name: '테스트 피부과',
        timeZone: 'Asia/Seoul',
        hours: { mon: HOURS, tue: HOURS, wed: HOURS, thu: HOURS, fri: HOURS, sat: { open: '10:00', close: '15:00' }, sun: HOURS },
      },
    },
  };
};

/** A valid argument set for every desk method; methods without arguments get `{}`. */
export const validDeskCalls = (ids: DeskIds): ValidCall[] => {
  const { visitId, patientId, staff } = ids;
  const cursor = Buffer.from(JSON.stringify(['2026-11-25T01:00:00.000Z', 3])).toString('base64url');
  const calls: ValidCall[] = [
    { method: 'desk.status', args: {} },
    { method: 'staff.list', args: {} },
    { method: 'staff.register', args: { name: '오하늘', role: 'nurse', pin: '4321', actingStaffId: ids.acting } },
    { method: 'staff.changePin', args: { staffId: staff.nurse, pin: '567890', currentPin: '1234', actingStaffId: ids.acting } },
    { method: 'session.signIn', args: { staffId: staff.manager, pin: '1234' } },
    { method: 'session.signOut', args: {} },
    { method: 'board.day', args: { date: '2026-11-25' } },
    { method: 'schedule.range', args: { from: '2026-11-25T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z', doctorId: staff.doctor } },
    { method: 'patients.search', args: { q: '김민' } },
    { method: 'patients.get', args: { patientId } },
    { method: 'visit.get', args: { visitId } },
    { method: 'visit.history', args: { visitId } },
    { method: 'visit.stateAt', args: { visitId, version: 1 } },
    { method: 'visit.stateAt', args: { visitId, at: '2026-11-25T01:00:00.000Z' } },
    {
      method: 'audit.query',
      args: {
        staffId: staff.manager,
        patientId,
        from: '2026-11-24T00:00:00.000Z',
        to: '2026-11-26T00:00:00.000Z',
        limit: 50,
        cursor,
      },
    },
    { method: 'warnings.list', args: { from: '2026-11-24T00:00:00.000Z', to: '2026-12-24T00:00:00.000Z' } },
    { method: 'sync.status', args: {} },
    { method: 'sync.now', args: {} },
    { method: 'sync.configure', args: { hqUrl: 'https://hq.example.com/clinic', token: 'desk-token.0123456789abcdef', actingStaffId: ids.acting } },
    { method: 'sync.retryStream', args: { streamId: ids.visitId, actingStaffId: ids.acting } },
    { method: 'sync.whoami', args: {} },
    { method: 'conflicts.list', args: {} },
    {
      method: 'conflicts.resolve',
      args: {
        conflictId: randomUUID(),
        action: 'retry',
        payload: { amount: 10_000, method: 'card' },
        reason: '금액 확인 후 재시도',
        actingStaffId: ids.acting,
      },
    },
  ];
  for (const args of Object.values(validCommandArgs(ids))) calls.push({ method: 'command.execute', args });
  return calls;
};

export type FieldPath = readonly (string | number)[];
/** How the desk's zod-issue formatter (shared/contract/zod-issues.ts) prints a path: `payload.plan.0.price`. */
export const pathText = (path: FieldPath): string => path.map(String).join('.');

export interface Field {
  readonly path: FieldPath;
  /** The field's own schema as its parent declares it (optional fields stay optional). */
  readonly schema: z.ZodType;
}

/** The schema that declares a value's fields: past optional, default and nullable, and to a pipe's end (a check in front of a record). */
const unwrap = (schema: z.ZodType): z.ZodType => {
  let inner = schema;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
    else if (inner instanceof z.ZodPipe) inner = inner.out as z.ZodType;
    else return inner;
  }
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every field of `value` that `schema` declares, depth first (objects, array elements, record
 * entries), each with its own schema. A union is followed into the option that accepts the value.
 * `missing` names what the schema declares but the value leaves out (an optional field, an empty
 * array, a weekday of a record keyed by an enum), so a caller can insist the value is complete.
 * Values of `z.unknown()` records have no schema of their own and are not descended into.
 */
export const fieldsOf = (schema: z.ZodType, value: unknown, path: FieldPath = []): { fields: Field[]; missing: string[] } => {
  const fields: Field[] = [];
  const missing: string[] = [];
  const visit = (fieldSchema: z.ZodType, fieldValue: unknown, fieldPath: FieldPath) => {
    fields.push({ path: fieldPath, schema: fieldSchema });
    const inner = fieldsOf(fieldSchema, fieldValue, fieldPath);
    fields.push(...inner.fields);
    missing.push(...inner.missing);
  };
  const own = unwrap(schema);
  if (own instanceof z.ZodUnion) {
    const option = (own.options as z.ZodType[]).find((candidate) => candidate.safeParse(value).success);
    if (!option) return { fields, missing: [`${pathText(path) || '(arguments)'}: no option of the union accepts the value`] };
    return fieldsOf(option, value, path);
  }
  if (own instanceof z.ZodObject && isObject(value)) {
    for (const [key, fieldSchema] of Object.entries(own.shape)) {
      if (Object.hasOwn(value, key)) visit(fieldSchema, value[key], [...path, key]);
      else missing.push(pathText([...path, key]));
    }
  } else if (own instanceof z.ZodArray && Array.isArray(value)) {
    if (value.length === 0) missing.push(pathText([...path, 0]));
    value.forEach((element, index) => visit(own.element as z.ZodType, element, [...path, index]));
  } else if (own instanceof z.ZodRecord && isObject(value)) {
    const valueSchema = own.valueType as z.ZodType;
    if (valueSchema instanceof z.ZodUnknown || valueSchema instanceof z.ZodAny) return { fields, missing };
    const keys = (own.keyType as z.ZodType)._zod.values;
    for (const key of keys ?? []) if (typeof key === 'string' && !Object.hasOwn(value, key)) missing.push(pathText([...path, key]));
    for (const [key, entry] of Object.entries(value)) visit(valueSchema, entry, [...path, key]);
  }
  return { fields, missing };
};

/** The value at `path` inside `base`, or undefined where there is none. */
export const fieldValue = (base: unknown, path: FieldPath): unknown =>
  path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[key] : undefined), base);

/** A copy of `base` with the field at `path` replaced by `value` (the value itself is not copied). */
export const withField = (base: unknown, path: FieldPath, value: unknown): unknown => {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...FieldPath];
  if (Array.isArray(base)) return base.map((element, index) => (index === key ? withField(element, rest, value) : element));
  if (isObject(base)) return { ...base, [key]: withField(base[key], rest, value) };
  throw new Error(`no field ${String(key)} to replace`);
};
