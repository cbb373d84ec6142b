/**
 * A new reservation or a walk-in, in a dialog over the board: the patient (found or registered
 * inline), the doctor, the slot, the channel, a deposit and the purpose. When the doctor already
 * has a booking then, a visible warning says so before anything is sent; the desk cannot forbid it
 * (another desk may have booked offline), so the person decides.
 */
import { useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../shared/clinic/permissions.js';
import type { PaymentMethod } from '../../../shared/clinic/values.js';
import type { PatientSummary } from '../../../shared/contract/desk-views.js';
import { useCommand } from '../../state/use-command.js';
import { useBoard, useDesk } from '../../state/use-desk.js';
import { FormButtons } from '../FormButtons.js';
import { Choice, MoneyField, RadioRow, StaffChoice, TextField, wonOf } from '../visit/fields.js';
import { PatientFinder } from './PatientFinder.js';
import { DoubleBooking } from './DoubleBooking.js';
import { newSlot, SlotFields, slotInstants, type Slot } from './SlotFields.js';

export type ReservationMode = 'reserve' | 'walk-in';

type Channel = 'phone' | 'online' | 'app' | 'walk-in';
const CHANNELS: readonly Channel[] = ['phone', 'online', 'app', 'walk-in'];
const METHODS: readonly PaymentMethod[] = ['card', 'cash', 'transfer', 'other'];

export const ReservationDialog = ({ mode, date, onClose }: { mode: ReservationMode; date: string; onClose: () => void }) => {
  const { t } = useTranslation();
  const staff = useDesk((state) => state.staff);
  const timeZone = useDesk((state) => state.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const openVisit = useBoard((state) => state.openVisit);
  const { run, refusal, busy } = useCommand();
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [doctorId, setDoctorId] = useState('');
  const [slot, setSlot] = useState<Slot>(() => newSlot(date, timeZone));
  const [channel, setChannel] = useState<Channel>('phone');
  const [deposit, setDeposit] = useState('');
  const [depositMethod, setDepositMethod] = useState<PaymentMethod>('transfer');
  const [purpose, setPurpose] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const times = mode === 'reserve' ? slotInstants(slot, timeZone) : null;
  const startAt = times?.startAt;
  const endAt = times?.endAt;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!patient) {
      setInvalid(t('reservation.needPatient'));
      return;
    }
    const extra = { ...(doctorId ? { doctorId } : {}), ...(purpose.trim() ? { purpose: purpose.trim() } : {}) };
    if (mode === 'walk-in') {
      setInvalid(null);
      const done = await run({ type: 'RegisterWalkIn', payload: { patientId: patient.patientId, ...extra } });
      if (done) {
        onClose();
        void openVisit(done.streamId);
      }
      return;
    }
    if (!times) {
      setInvalid(t('reservation.endBeforeStart'));
      return;
    }
    setInvalid(null);
    const done = await run({
      type: 'Reserve',
      payload: {
        patientId: patient.patientId,
        ...times,
        channel,
        ...extra,
        ...(wonOf(deposit) > 0 ? { deposit: { amount: wonOf(deposit), method: depositMethod } } : {}),
      },
    });
    if (done) onClose();
  };

  const title = mode === 'reserve' ? t('reservation.title') : t('reservation.walkInTitle');
  return (
    <ModalOverlay isOpen onOpenChange={(isOpen) => (isOpen ? undefined : onClose())} isDismissable className="overlay">
      <Modal className="modal wide">
        <Dialog className="dialog" aria-labelledby="reservation-title">
          <form onSubmit={(event) => void submit(event)}>
            <Heading slot="title" id="reservation-title">
              {title}
            </Heading>
            <PatientFinder chosen={patient} onChoose={setPatient} />
            <div className="form-grid">
              <StaffChoice label={t('form.doctor')} staff={staff} roles={ROLES.doctors} value={doctorId} onChange={setDoctorId} none={t('form.noDoctor')} />
              {mode === 'reserve' ? (
                <RadioRow legend={t('reservation.channel')} value={channel} options={CHANNELS.map((value) => ({ value, label: t(`reservation.channels.${value}`) }))} onChange={setChannel} />
              ) : null}
            </div>
            {mode === 'reserve' ? <SlotFields slot={slot} onChange={setSlot} /> : null}
            {mode === 'reserve' ? <DoubleBooking doctorId={doctorId} startAt={startAt} endAt={endAt} /> : null}
            {mode === 'reserve' ? (
              <div className="form-grid">
                <MoneyField label={`${t('reservation.deposit')} (${t('common.optional')})`} value={deposit} onChange={setDeposit} />
                {wonOf(deposit) > 0 ? (
                  <Choice label={t('reservation.depositMethod')} value={depositMethod} options={METHODS.map((value) => ({ value, label: t(`form.methods.${value}`) }))} onChange={setDepositMethod} />
                ) : null}
              </div>
            ) : null}
            <TextField label={`${t('reservation.purpose')} (${t('common.optional')})`} value={purpose} onChange={setPurpose} maxLength={200} />
            <FormButtons submit={mode === 'reserve' ? t('reservation.submit') : t('reservation.walkInSubmit')} disabled={busy} onCancel={onClose} invalid={invalid} refusal={refusal} />
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
};
