/**
 * A small clinic for the renderer's component tests: a desk whose state lives in plain objects and
 * a recording Bridge script that answers from them (sign-in with PINs, the board of one day, visits,
 * patients, commands that change the visits as the desk would for the steps the tests take).
 */
import { act, render } from '@testing-library/react';
import { initialVisitState, type VisitState } from '../../shared/clinic/visit/state.js';
import type { RpcResponse } from '../../shared/contract/desk-rpc.js';
import type { BoardVisit, DeskStatus, PatientSummary, ScheduledVisit, SessionInfo, StaffSummary, VisitDetail, VisitStage, Warning } from '../../shared/contract/desk-views.js';
import type { DeskErrorCode } from '../../shared/contract/error-codes.js';
import { createI18n, type Language } from '../i18n/catalog.js';
import { createDeskStore, followChanges } from '../state/desk-store.js';
import { DeskStoreContext } from '../state/use-desk.js';
import { App } from '../ui/App.js';
import { TODAY } from './fixture-day.js';
import { recordingBridge, type RecordingBridge, type Script } from './recording-bridge.js';

const id = (n: number) => `0190f5d2-9c1e-7a3b-8c4d-${String(n).padStart(12, '0')}`;

export const STAFF = {
  manager: { staffId: id(1), name: '김지현', role: 'manager', active: true },
  desk: { staffId: id(2), name: '이수진', role: 'desk', active: true },
  counselor: { staffId: id(3), name: '박서연', role: 'counselor', active: true },
  doctor: { staffId: id(4), name: '최민호', role: 'doctor', active: true },
  nurse: { staffId: id(5), name: '한예린', role: 'nurse', active: true },
} as const satisfies Record<string, StaffSummary>;

export const PATIENT: PatientSummary = { patientId: id(101), name: '홍길동', phone: '010-1234-5678', chartNumber: 'D7A3-1', birthDate: null, mergedInto: null };

export const sessionOf = (staff: StaffSummary): SessionInfo => ({
  staffId: staff.staffId,
  name: staff.name,
  role: staff.role,
  signedInAt: '2026-12-01T00:30:00.000Z',
  idleTimeoutMs: 600_000,
});

export const deskStatus = (overrides: Partial<DeskStatus> = {}): DeskStatus => ({
  appVersion: '0.1.0',
  installationId: '0190f5d2-9c1e-7a3b-8c4d-5e6f7a8b9c0d',
  deskPrefix: 'D7A3',
  clinic: { name: '서울 미소 피부과', timeZone: 'Asia/Seoul' },
  session: null,
  staffCount: 5,
  firstManagerOpen: false,
  needsFullPull: false,
  loading: null,
  ...overrides,
});

export const visitState = (overrides: Partial<Record<string, unknown>> & { status: VisitState['status'] }): VisitState =>
  ({ ...initialVisitState(), patientId: PATIENT.patientId, ...overrides }) as VisitState;

export const reservedState = (overrides: Partial<Record<string, unknown>> = {}): VisitState =>
  visitState({ status: 'reserved', reservation: { startAt: '2026-12-01T05:30:00.000Z', endAt: '2026-12-01T06:00:00.000Z', channel: 'phone' }, doctorId: STAFF.doctor.staffId, ...overrides });

export const boardVisit = (n: number, stage: VisitStage, overrides: Partial<BoardVisit> = {}): BoardVisit => ({
  visitId: id(200 + n),
  patientId: PATIENT.patientId,
  patientName: PATIENT.name,
  chartNumber: PATIENT.chartNumber,
  doctorId: STAFF.doctor.staffId,
  doctorName: STAFF.doctor.name,
  stage,
  channel: 'phone',
  purpose: null,
  startAt: '2026-12-01T05:30:00.000Z',
  endAt: '2026-12-01T06:00:00.000Z',
  checkedInAt: stage === 'reserved' || stage === 'canceled' || stage === 'no-show' ? null : '2026-12-01T05:25:00.000Z',
  checkedOutAt: stage === 'checked-out' ? '2026-12-01T07:00:00.000Z' : null,
  balance: 0,
  received: 0,
  planDone: 0,
  planTotal: 0,
  anomalies: 0,
  version: 1,
  ...overrides,
});

export const visitIdOf = (n: number): string => id(200 + n);

export interface ClinicDesk {
  status: DeskStatus;
  staff: StaffSummary[];
  pins: Map<string, string>;
  visits: BoardVisit[];
  states: Map<string, VisitState>;
  warnings: Warning[];
  patients: PatientSummary[];
  schedule: ScheduledVisit[];
  /** Refuse the next command of this type with that code. */
  refuse: Partial<Record<string, DeskErrorCode>>;
}

const refusal = (code: DeskErrorCode, message: string = code): RpcResponse<never> => ({ ok: false, error: { code, message } });

const counts = (visits: readonly BoardVisit[]) => {
  const all: Record<VisitStage, number> = { reserved: 0, waiting: 0, consultation: 0, procedure: 0, 'soothing-care': 0, payment: 0, 'checked-out': 0, canceled: 0, 'no-show': 0, abandoned: 0 };
  for (const visit of visits) all[visit.stage] += 1;
  return all;
};

/** The script of a desk holding `desk`; commands the tests take move the visit as the desk would. */
export const clinicScript = (desk: ClinicDesk): Script => ({
  'desk.status': () => ({ ok: true, result: desk.status }),
  'staff.list': () => ({ ok: true, result: { items: desk.staff } }),
  'session.signIn': ({ staffId, pin }) => {
    const member = desk.staff.find((each) => each.staffId === staffId);
    if (!member || desk.pins.get(staffId) !== pin) return refusal('PIN_INCORRECT', 'Wrong PIN (4 tries left)');
    desk.status = { ...desk.status, session: sessionOf(member) };
    return { ok: true, result: sessionOf(member) };
  },
  'session.signOut': () => {
    desk.status = { ...desk.status, session: null };
    return { ok: true, result: {} };
  },
  'staff.register': ({ name, role, pin }) => {
    const member: StaffSummary = { staffId: id(9), name, role, active: true };
    desk.staff = [...desk.staff, member];
    desk.pins.set(member.staffId, pin);
    desk.status = { ...desk.status, staffCount: desk.staff.length, firstManagerOpen: false };
    return { ok: true, result: { streamId: member.staffId } };
  },
  'board.day': ({ date }) => ({ ok: true, result: { date, timeZone: 'Asia/Seoul', visits: date === TODAY ? desk.visits : [], counts: counts(date === TODAY ? desk.visits : []) } }),
  'warnings.list': () => ({ ok: true, result: { items: desk.warnings } }),
  'patients.search': ({ q }) => ({ ok: true, result: { items: desk.patients.filter((patient) => patient.name.includes(q) || patient.phone.endsWith(q) || q === 'ㅎㄱㄷ') } }),
  'patients.get': ({ patientId }) => {
    const patient = desk.patients.find((each) => each.patientId === patientId);
    return patient ? { ok: true, result: { ...patient, visits: [], merged: [] } } : refusal('NOT_FOUND');
  },
  'schedule.range': () => ({ ok: true, result: { items: desk.schedule } }),
  'visit.get': ({ visitId }) => {
    const state = desk.states.get(visitId);
    if (!state) return refusal('NOT_FOUND', `No visit ${visitId}`);
    const detail: VisitDetail = { visitId, version: 1, state, patient: desk.patients.find((each) => each.patientId === state.patientId) ?? null, needsUpgrade: false };
    return { ok: true, result: detail };
  },
  'visit.history': () => ({ ok: true, result: { events: [] } }),
  'command.execute': (command) => {
    const code = desk.refuse[command.type];
    if (code) {
      delete desk.refuse[command.type];
      return refusal(code, `${command.type} refused`);
    }
    const streamId = command.streamId ?? id(300 + desk.visits.length);
    if (command.type === 'RegisterPatient') {
      const patient: PatientSummary = { patientId: id(150 + desk.patients.length), name: command.payload.name, phone: command.payload.phone, chartNumber: `D7A3-${desk.patients.length + 1}`, birthDate: null, mergedInto: null };
      desk.patients.push(patient);
      return { ok: true, result: { streamId: patient.patientId, version: 1, events: [] } };
    }
    const state = desk.states.get(streamId);
    const visit = desk.visits.find((each) => each.visitId === streamId);
    if (command.type === 'CheckIn' && state && visit) {
      desk.states.set(streamId, { ...state, status: 'checked-in', checkedIn: { at: '2026-12-01T05:28:00.000Z', channel: 'desk' } });
      desk.visits = desk.visits.map((each) => (each === visit ? { ...each, stage: 'waiting', checkedInAt: '2026-12-01T05:28:00.000Z', version: each.version + 1 } : each));
    }
    return { ok: true, result: { streamId, version: (visit?.version ?? 0) + 1, events: [] } };
  },
});

export const newClinicDesk = (overrides: Partial<ClinicDesk> = {}): ClinicDesk => ({
  status: deskStatus(),
  staff: Object.values(STAFF),
  pins: new Map(Object.values(STAFF).map((member) => [member.staffId, '0000'])),
  visits: [],
  states: new Map(),
  warnings: [],
  patients: [PATIENT],
  schedule: [],
  refuse: {},
  ...overrides,
});

/** Renders the whole desk app over a recording Bridge answering from `desk`. */
export const renderDesk = async (desk: ClinicDesk, language: Language = 'ko'): Promise<{ bridge: RecordingBridge; desk: ClinicDesk }> => {
  const bridge = recordingBridge(clinicScript(desk));
  const store = createDeskStore(bridge);
  followChanges(bridge, store);
  render(
    <DeskStoreContext.Provider value={store}>
      <App i18n={createI18n(language)} />
    </DeskStoreContext.Provider>,
  );
  await act(() => store.getState().refresh());
  return { bridge, desk };
};
