/**
 * `--demo`: a living clinic for a newcomer — staff (every PIN is 0000), patients, and a day of
 * visits in every stage around the current time, plus a double-booked doctor and a patient
 * registered twice so the warnings have something to show. Everything goes in as real commands
 * through the Headspring, so the audit trail and time travel work on it like on real data.
 */
import type { CommandInput } from '../../../shared/eventsourcing/index.js';
import { CLINIC_STREAM_ID } from '../../../shared/clinic/clinic/commands.js';
import type { StaffRole } from '../../../shared/clinic/values.js';
import { chartNumbers } from '../chart-numbers.js';
import type { DeskContext } from '../desk-context.js';
import { hashPin } from '../pin-hash.js';

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

export const seedDemoClinic = async (context: DeskContext): Promise<void> => {
  const base = context.now().getTime();
  const at = (minutes: number): string => new Date(base + minutes * 60_000).toISOString();
  const pinHash = await hashPin(DEMO_PIN);
  let clock = -24 * 60; // set-up happens "yesterday", the visits around now

  const run = (type: string, payload: unknown, issuedBy: string, streamId?: string, minute?: number): string => {
    const command: CommandInput = {
      commandId: context.ids.newId(),
      type,
      ...(streamId !== undefined ? { streamId } : {}),
      payload,
      schemaVersion: 1,
      issuedBy,
      issuedAt: at(minute ?? clock++),
    };
    return context.headspring.execute(command).streamId;
  };

  const device = `device:${context.store.installationId}`;
  run('ConfigureClinic', { name: '데모 피부과의원', timeZone: 'Asia/Seoul', hours: { mon: { open: '09:30', close: '19:00' }, tue: { open: '09:30', close: '19:00' }, wed: { open: '09:30', close: '19:00' }, thu: { open: '09:30', close: '21:00' }, fri: { open: '09:30', close: '19:00' }, sat: { open: '09:30', close: '15:00' } } }, device, CLINIC_STREAM_ID);
  const [manager, desk, counselor, doctorA, doctorB, nurse] = STAFF.map((staff) => run('RegisterStaff', { ...staff, pinHash }, device)) as [string, string, string, string, string, string];
  const charts = chartNumbers(context.store.reader, context.deskPrefix);
  const patients = PATIENTS.map(([name, phone]) => run('RegisterPatient', { name, phone, chartNumber: charts.next() }, desk));
  // The same person registered twice by mistake: the duplicate-patient warning.
  run('RegisterPatient', { name: PATIENTS[0]?.[0], phone: PATIENTS[0]?.[1], chartNumber: charts.next() }, desk);

  const patient = (n: number): string => patients[n % patients.length] as string;
  const reserve = (n: number, start: number, doctorId: string, extra: Record<string, unknown> = {}): string =>
    run('Reserve', { patientId: patient(n), startAt: at(start), endAt: at(start + 30), doctorId, channel: 'phone', ...extra }, desk, undefined, start - 24 * 60);
  const step = (visit: string, minute: number, type: string, payload: unknown, by: string): void => {
    run(type, payload, by, visit, minute);
  };
  const consult = (visit: string, start: number, plan: unknown[], complete = true) => {
    step(visit, start + 5, 'StartConsultation', { consultantId: counselor }, counselor);
    if (complete) step(visit, start + 15, 'CompleteConsultation', { plan }, counselor);
  };

  // Checked out: the whole flow, with a deposit, two procedures, a discount and a split payment.
  const done = reserve(0, -300, doctorA, { deposit: { amount: 50_000, method: 'transfer' }, purpose: '사각턱 보톡스 상담' });
  step(done, -298, 'CheckIn', { channel: 'desk' }, desk);
  consult(done, -298, [{ name: '보톡스 (사각턱)', price: 150_000, discount: 10_000 }, { name: '레이저 토닝', price: 100_000 }]);
  step(done, -280, 'TakePhotos', { stage: 'before', count: 4 }, nurse);
  step(done, -275, 'StartProcedure', { itemId: '1', performedBy: doctorA }, doctorA);
  step(done, -265, 'CompleteProcedure', { itemId: '1' }, doctorA);
  step(done, -260, 'StartProcedure', { itemId: '2', performedBy: doctorA }, doctorA);
  step(done, -240, 'CompleteProcedure', { itemId: '2' }, doctorA);
  step(done, -238, 'StartSoothingCare', {}, nurse);
  step(done, -225, 'CompleteSoothingCare', {}, nurse);
  step(done, -222, 'TakePhotos', { stage: 'after', count: 4 }, nurse);
  step(done, -220, 'RecordPayment', { amount: 100_000, method: 'card' }, desk);
  step(done, -219, 'RecordPayment', { amount: 90_000, method: 'cash' }, desk);
  step(done, -218, 'CheckOut', {}, desk);

  // Checked out: a direct procedure booked by app, checked in at the kiosk.
  const direct = reserve(1, -240, doctorB, { channel: 'app', plan: [{ name: '리쥬란 힐러', price: 300_000 }] });
  step(direct, -242, 'CheckIn', { channel: 'kiosk' }, device);
  step(direct, -230, 'StartProcedure', { itemId: '1', performedBy: doctorB }, doctorB);
  step(direct, -210, 'CompleteProcedure', { itemId: '1' }, doctorB);
  step(direct, -205, 'RecordPayment', { amount: 300_000, method: 'card' }, desk);
  step(direct, -204, 'CheckOut', {}, desk);

  // Waiting to pay.
  const paying = reserve(2, -150, doctorA);
  step(paying, -152, 'CheckIn', { channel: 'desk' }, desk);
  consult(paying, -152, [{ name: '슈링크 리프팅 300샷', price: 250_000, discount: 25_000 }]);
  step(paying, -130, 'StartProcedure', { itemId: '1', performedBy: doctorA }, doctorA);
  step(paying, -110, 'CompleteProcedure', { itemId: '1' }, doctorA);

  // In soothing care, in a procedure, in consultation.
  const soothing = reserve(3, -120, doctorB);
  step(soothing, -121, 'CheckIn', { channel: 'kiosk' }, device);
  consult(soothing, -121, [{ name: '아쿠아필', price: 80_000 }]);
  step(soothing, -95, 'StartProcedure', { itemId: '1', performedBy: nurse }, nurse);
  step(soothing, -80, 'CompleteProcedure', { itemId: '1' }, nurse);
  step(soothing, -78, 'StartSoothingCare', {}, nurse);

  const procedure = reserve(4, -90, doctorA);
  step(procedure, -92, 'CheckIn', { channel: 'desk' }, desk);
  consult(procedure, -92, [{ name: '필러 (팔자)', price: 350_000 }, { name: '물광 주사', price: 150_000 }]);
  step(procedure, -60, 'TakePhotos', { stage: 'before', count: 3 }, nurse);
  step(procedure, -58, 'StartProcedure', { itemId: '1', performedBy: doctorA }, doctorA);

  const consulting = reserve(5, -45, doctorB);
  step(consulting, -47, 'CheckIn', { channel: 'desk' }, desk);
  consult(consulting, -47, [], false);

  // Waiting, a walk-in, reservations later today (two overlapping for one doctor), and the ones that did not happen.
  const waiting = reserve(6, -15, doctorA);
  step(waiting, -17, 'CheckIn', { channel: 'kiosk' }, device);
  step(waiting, -16, 'AddMemo', { text: '레이저 후 홍조 있었음. 진정 관리 안내 부탁드립니다.' }, desk);
  run('RegisterWalkIn', { patientId: patient(7), purpose: '여드름 상담' }, desk, undefined, -8);
  for (const [n, start, doctor] of [[8, 30, doctorA], [9, 60, doctorB], [10, 90, doctorA], [11, 100, doctorA], [12, 150, doctorB]] as const) {
    reserve(n, start, doctor);
  }
  const canceled = reserve(13, 45, doctorB);
  step(canceled, -30, 'CancelReservation', { reason: '일정 변경' }, desk);
  const noShow = reserve(14, -70, doctorB);
  step(noShow, -35, 'MarkNoShow', {}, desk);
  const abandoned = reserve(15, -110, doctorA);
  step(abandoned, -112, 'CheckIn', { channel: 'desk' }, desk);
  step(abandoned, -100, 'AbandonVisit', { reason: '대기 시간이 길어 귀가' }, desk);

  void manager; // the manager signs in to see the audit trail; the seed itself needs no manager action
};
