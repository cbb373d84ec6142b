/**
 * `--demo`: a living clinic for a newcomer — staff (every PIN is 0000), patients, and a day of
 * visits in every stage around the current time, plus a double-booked doctor and a patient
 * registered twice so the warnings have something to show. Everything goes in through DeskCore's
 * own call path, as the renderer's calls do (the contract's payload schemas, the role table, the
 * references, chart numbers), each as the staff member who would do it at the minute it would
 * happen; so the audit trail and time travel work on it like on real data. A kiosk check-in is
 * recorded by the desk with channel `kiosk` (the desk has no kiosk of its own to act as).
 */
import type { CommandDraft } from '../../../shared/contract/desk-rpc.js';
import type { StaffRole } from '../../../shared/clinic/values.js';
import type { ScriptedCall } from '../desk-context.js';
import { clinicDayOf, clinicDayRange } from '../read-models/clinic-time.js';

export const DEMO_PIN = '0000';

const STAFF: readonly { name: string; role: StaffRole }[] = [
  { name: '김지현', role: 'manager' },
  { name: '이수진', role: 'desk' },
  { name: '박서연', role: 'counselor' },
  { name: '최민호', role: 'doctor' },
  { name: '정다은', role: 'doctor' },
  { name: '한예린', role: 'nurse' },
];

const PATIENTS: readonly [string, string][] = [
  ['김민수', '010-2345-6789'], ['이서윤', '010-3456-7890'], ['박지호', '010-4567-8901'], ['최하은', '010-5678-9012'],
  ['정우진', '010-6789-0123'], ['강수아', '010-7890-1234'], ['조예준', '010-8901-2345'], ['윤지민', '010-9012-3456'],
  ['장서진', '010-1122-3344'], ['임하린', '010-2233-4455'], ['한도윤', '010-3344-5566'], ['오채원', '010-4455-6677'],
  ['서지안', '010-5566-7788'], ['신유나', '010-6677-8899'], ['권시우', '010-7788-9900'], ['황소율', '010-8899-0011'],
  ['안준서', '010-9900-1122'], ['송다인', '010-1357-2468'], ['류지아', '010-2468-1357'], ['홍은우', '010-3579-4680'],
];

type Reservation = Extract<CommandDraft, { type: 'Reserve' }>['payload'];

const HOURS = { open: '09:30', close: '19:00' };

const HOUR = 3_600_000;
/** The demo clinic's time zone. */
export const DEMO_TIME_ZONE = 'Asia/Seoul';

/** The start (midnight in Seoul, ms since the epoch) of the demo day that holds `instant`. */
export const demoDayStart = (instant: Date | number): number =>
  Date.parse(clinicDayRange(clinicDayOf(instant, DEMO_TIME_ZONE), DEMO_TIME_ZONE).from);

/**
 * The middle of the demo day for a desk started at `now`: now itself, moved only as far as keeps
 * every visit (five hours before it to three after, with a half-hour margin) on today's board in
 * Seoul. Seeded at 23:48 or 00:23, the visits spilled into the next or the previous day and
 * today's board had no reservations.
 */
export const demoDayMiddle = (now: Date): Date => {
  const time = now.getTime();
  const midnight = demoDayStart(now);
  return new Date(Math.min(Math.max(time, midnight + 5.5 * HOUR), midnight + 20.5 * HOUR));
};

/** Seeds through `call`; `now` is the middle of the demo day (the visits happen around it). */
export const seedDemoClinic = async (call: ScriptedCall, now: Date): Promise<void> => {
  const base = now.getTime();
  const minute = (minutes: number): Date => new Date(base + minutes * 60_000);
  const at = (minutes: number): string => minute(minutes).toISOString();
  let clock = -2 * 24 * 60; // set-up happens two days before, the reservations a day before their slot

  /** One command as `staffId`, at `when` minutes from now (or the next set-up minute). */
  const execute = async (staffId: string, command: CommandDraft, when?: number): Promise<string> =>
    (await call('command.execute', { ...command, actingStaffId: staffId }, { staffId, at: minute(when ?? clock++) })).streamId;

  // The first manager is registered before anyone can sign in; the manager registers the others.
  const [first, ...others] = STAFF as [(typeof STAFF)[number], ...(typeof STAFF)[number][]];
  const manager = (await call('staff.register', { ...first, pin: DEMO_PIN }, { at: minute(clock++) })).streamId;
  const registered: string[] = [];
  for (const member of others) {
    registered.push(
      (await call('staff.register', { ...member, pin: DEMO_PIN, actingStaffId: manager }, { staffId: manager, at: minute(clock++) })).streamId,
    );
  }
  const [desk, counselor, doctorA, doctorB, nurse] = registered as [string, string, string, string, string];
  await execute(manager, {
    type: 'ConfigureClinic',
    payload: { name: '데모 피부과의원', timeZone: DEMO_TIME_ZONE, hours: { mon: HOURS, tue: HOURS, wed: HOURS, thu: { open: '09:30', close: '21:00' }, fri: HOURS, sat: { open: '09:30', close: '15:00' } } },
  });
  const patients: string[] = [];
  for (const [name, phone] of PATIENTS) patients.push(await execute(desk, { type: 'RegisterPatient', payload: { name, phone } }));
  // The same person registered twice by mistake: the duplicate-patient warning.
  const [twiceName, twicePhone] = PATIENTS[0] as [string, string];
  await execute(desk, { type: 'RegisterPatient', payload: { name: twiceName, phone: twicePhone } });

  const patient = (n: number): string => patients[n % patients.length] as string;
  const reserve = (n: number, start: number, doctorId: string, extra: Partial<Reservation> = {}): Promise<string> =>
    execute(
      desk,
      { type: 'Reserve', payload: { patientId: patient(n), startAt: at(start), endAt: at(start + 30), doctorId, channel: 'phone', ...extra } },
      start - 24 * 60,
    );
  const step = async (visit: string, when: number, command: CommandDraft, by: string): Promise<void> => {
    await execute(by, { ...command, streamId: visit }, when);
  };
  const consult = async (visit: string, start: number, plan: { name: string; price?: number; discount?: number }[], complete = true) => {
    await step(visit, start + 5, { type: 'StartConsultation', payload: { consultantId: counselor } }, counselor);
    if (complete) await step(visit, start + 15, { type: 'CompleteConsultation', payload: { plan } }, counselor);
  };

  // Checked out: the whole flow, with a deposit, two procedures, a discount and a split payment.
  const done = await reserve(0, -300, doctorA, { deposit: { amount: 50_000, method: 'transfer' }, purpose: '사각턱 보톡스 상담' });
  await step(done, -298, { type: 'CheckIn', payload: { channel: 'desk' } }, desk);
  await consult(done, -298, [{ name: '보톡스 (사각턱)', price: 150_000, discount: 10_000 }, { name: '레이저 토닝', price: 100_000 }]);
  await step(done, -282, { type: 'RecordConsent', payload: { form: '보톡스 시술 동의서', formVersion: '2026-01' } }, nurse);
  await step(done, -280, { type: 'TakePhotos', payload: { stage: 'before', count: 4 } }, nurse);
  await step(done, -275, { type: 'StartProcedure', payload: { itemId: '1', performedBy: doctorA } }, doctorA);
  await step(done, -265, { type: 'CompleteProcedure', payload: { itemId: '1' } }, doctorA);
  await step(done, -260, { type: 'StartProcedure', payload: { itemId: '2', performedBy: doctorA } }, doctorA);
  await step(done, -240, { type: 'CompleteProcedure', payload: { itemId: '2' } }, doctorA);
  await step(done, -238, { type: 'StartSoothingCare', payload: {} }, nurse);
  await step(done, -225, { type: 'CompleteSoothingCare', payload: {} }, nurse);
  await step(done, -222, { type: 'TakePhotos', payload: { stage: 'after', count: 4 } }, nurse);
  await step(done, -220, { type: 'RecordPayment', payload: { amount: 100_000, method: 'card' } }, desk);
  await step(done, -219, { type: 'RecordPayment', payload: { amount: 90_000, method: 'cash' } }, desk);
  await step(done, -218, { type: 'CheckOut', payload: {} }, desk);

  // Checked out: a direct procedure booked by app, checked in at the kiosk.
  const direct = await reserve(1, -240, doctorB, { channel: 'app', plan: [{ name: '리쥬란 힐러', price: 300_000 }] });
  await step(direct, -242, { type: 'CheckIn', payload: { channel: 'kiosk' } }, desk);
  await step(direct, -230, { type: 'StartProcedure', payload: { itemId: '1', performedBy: doctorB } }, doctorB);
  await step(direct, -210, { type: 'CompleteProcedure', payload: { itemId: '1' } }, doctorB);
  await step(direct, -205, { type: 'RecordPayment', payload: { amount: 300_000, method: 'card' } }, desk);
  await step(direct, -204, { type: 'CheckOut', payload: {} }, desk);

  // Waiting to pay.
  const paying = await reserve(2, -150, doctorA);
  await step(paying, -152, { type: 'CheckIn', payload: { channel: 'desk' } }, desk);
  await consult(paying, -152, [{ name: '슈링크 리프팅 300샷', price: 250_000, discount: 25_000 }]);
  await step(paying, -130, { type: 'StartProcedure', payload: { itemId: '1', performedBy: doctorA } }, doctorA);
  await step(paying, -110, { type: 'CompleteProcedure', payload: { itemId: '1' } }, doctorA);

  // In soothing care, in a procedure, in consultation.
  const soothing = await reserve(3, -120, doctorB);
  await step(soothing, -121, { type: 'CheckIn', payload: { channel: 'kiosk' } }, desk);
  await consult(soothing, -121, [{ name: '아쿠아필', price: 80_000 }]);
  await step(soothing, -95, { type: 'StartProcedure', payload: { itemId: '1', performedBy: nurse } }, nurse);
  await step(soothing, -80, { type: 'CompleteProcedure', payload: { itemId: '1' } }, nurse);
  await step(soothing, -78, { type: 'StartSoothingCare', payload: {} }, nurse);

  const procedure = await reserve(4, -90, doctorA);
  await step(procedure, -92, { type: 'CheckIn', payload: { channel: 'desk' } }, desk);
  await consult(procedure, -92, [{ name: '필러 (팔자)', price: 350_000 }, { name: '물광 주사', price: 150_000 }]);
  await step(procedure, -60, { type: 'TakePhotos', payload: { stage: 'before', count: 3 } }, nurse);
  await step(procedure, -58, { type: 'StartProcedure', payload: { itemId: '1', performedBy: doctorA } }, doctorA);

  const consulting = await reserve(5, -45, doctorB);
  await step(consulting, -47, { type: 'CheckIn', payload: { channel: 'desk' } }, desk);
  await consult(consulting, -47, [], false);

  // Waiting, a walk-in, reservations later today (two overlapping for one doctor), and the ones that did not happen.
  const waiting = await reserve(6, -15, doctorA);
  await step(waiting, -17, { type: 'CheckIn', payload: { channel: 'kiosk' } }, desk);
  await step(waiting, -16, { type: 'AddMemo', payload: { text: '레이저 후 홍조 있었음. 진정 관리 안내 부탁드립니다.' } }, desk);
  await execute(desk, { type: 'RegisterWalkIn', payload: { patientId: patient(7), purpose: '여드름 상담' } }, -8);
  for (const [n, start, doctor] of [[8, 30, doctorA], [9, 60, doctorB], [10, 90, doctorA], [11, 100, doctorA], [12, 150, doctorB]] as const) {
    await reserve(n, start, doctor);
  }
  const canceled = await reserve(13, 45, doctorB);
  await step(canceled, -30, { type: 'CancelReservation', payload: { reason: '일정 변경' } }, desk);
  const noShow = await reserve(14, -70, doctorB);
  await step(noShow, -35, { type: 'MarkNoShow', payload: {} }, desk);
  const abandoned = await reserve(15, -110, doctorA);
  await step(abandoned, -112, { type: 'CheckIn', payload: { channel: 'desk' } }, desk);
  await step(abandoned, -100, { type: 'AbandonVisit', payload: { reason: '대기 시간이 길어 귀가' } }, desk);
};
