/**
 * What an action of the drawer asks before it is sent, if anything: who consults or performs, the
 * plan, a reason, an amount. Each builds exactly the contract's command (CommandDraft).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../shared/clinic/permissions.js';
import type { PaymentMethod } from '../../../shared/clinic/values.js';
import { balanceOf, type VisitState } from '../../../shared/clinic/visit/state.js';
import type { CommandDraft } from '../../../shared/contract/desk-rpc.js';
import type { SessionInfo, StaffSummary } from '../../../shared/contract/desk-views.js';
import { DoubleBooking } from '../reservation/DoubleBooking.js';
import { SlotFields, slotInstants, slotOf, type Slot } from '../reservation/SlotFields.js';
import { FormButtons } from '../FormButtons.js';
import { Choice, MoneyField, RadioRow, StaffChoice, TextField, wonOf } from './fields.js';
import { draftItem, PlanEditor, planOf, type DraftItem } from './PlanEditor.js';
import { refundableOf, type VisitAction } from './visit-actions.js';

/** Actions sent as they are, with nothing to ask. */
export const IMMEDIATE: ReadonlySet<VisitAction> = new Set(['CheckIn', 'CompleteProcedure', 'StartSoothingCare', 'CompleteSoothingCare', 'CheckOut', 'MarkNoShow']);

/** The command of an action that asks nothing. */
export const immediateCommand = (action: VisitAction, visitId: string, state: VisitState): CommandDraft | null => {
  switch (action) {
    case 'CheckIn':
      return { type: 'CheckIn', streamId: visitId, payload: { channel: 'desk' } };
    case 'CompleteProcedure': {
      const item = state.plan.find((each) => each.status === 'in-progress');
      return item ? { type: 'CompleteProcedure', streamId: visitId, payload: { itemId: item.itemId } } : null;
    }
    case 'StartSoothingCare':
      return { type: 'StartSoothingCare', streamId: visitId, payload: {} };
    case 'CompleteSoothingCare':
      return { type: 'CompleteSoothingCare', streamId: visitId, payload: {} };
    case 'CheckOut':
      return { type: 'CheckOut', streamId: visitId, payload: {} };
    case 'MarkNoShow':
      return { type: 'MarkNoShow', streamId: visitId, payload: {} };
    default:
      return null;
  }
};

const METHODS: readonly PaymentMethod[] = ['card', 'cash', 'transfer', 'other'];

interface Props {
  readonly action: VisitAction;
  readonly visitId: string;
  readonly state: VisitState;
  readonly staff: readonly StaffSummary[];
  readonly session: SessionInfo;
  readonly timeZone: string;
  readonly busy: boolean;
  readonly onSend: (command: CommandDraft) => void;
  readonly onCancel: () => void;
}

const orEmpty = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

export const ActionForm = ({ action, visitId, state, staff, session, timeZone, busy, onSend, onCancel }: Props) => {
  const { t } = useTranslation();
  const mine = (roles: readonly string[]) => (roles.includes(session.role) ? session.staffId : '');
  const firstOf = (roles: readonly string[]) => staff.find((member) => member.active && roles.includes(member.role))?.staffId ?? '';
  const [person, setPerson] = useState(() => {
    if (action === 'StartConsultation') return mine(ROLES.clinical) || firstOf(ROLES.clinical);
    if (action === 'StartProcedure') return state.doctorId ?? (mine(ROLES.treating) || firstOf(ROLES.treating));
    if (action === 'AssignDoctor') return state.doctorId ?? firstOf(ROLES.doctors);
    return '';
  });
  const [text, setText] = useState('');
  const [version, setVersion] = useState('');
  const [amount, setAmount] = useState(() =>
    action === 'RecordPayment' ? String(Math.max(balanceOf(state), 0)) : action === 'RefundPayment' ? String(refundableOf(state)) : '',
  );
  const [method, setMethod] = useState<PaymentMethod>('card');
  const [photoStage, setPhotoStage] = useState<'before' | 'after'>(state.plan.some((item) => item.status === 'completed') ? 'after' : 'before');
  const [count, setCount] = useState('4');
  const unfinished = state.plan.filter((item) => item.status === 'pending' || item.status === 'in-progress');
  const [itemId, setItemId] = useState(unfinished[0]?.itemId ?? '');
  const [items, setItems] = useState<DraftItem[]>(() =>
    action === 'ChangeProcedurePlan'
      ? state.plan.map((item) =>
          draftItem({ itemId: item.itemId, name: item.name, price: String(item.price), discount: String(item.discount), locked: item.status !== 'pending' }),
        )
      : [draftItem()],
  );
  const [slot, setSlot] = useState<Slot>(() => slotOf(state.reservation, timeZone));
  const [invalid, setInvalid] = useState<string | null>(null);

  const command = (): CommandDraft | string => {
    const streamId = visitId;
    switch (action) {
      case 'StartConsultation':
        return { type: 'StartConsultation', streamId, payload: { consultantId: person } };
      case 'CompleteConsultation':
        return { type: 'CompleteConsultation', streamId, payload: { plan: planOf(items) } };
      case 'ChangeProcedurePlan':
        return { type: 'ChangeProcedurePlan', streamId, payload: { plan: planOf(items), ...(orEmpty(text) ? { reason: orEmpty(text) } : {}) } };
      case 'StartProcedure': {
        const next = state.plan.find((item) => item.status === 'pending');
        return { type: 'StartProcedure', streamId, payload: { itemId: next?.itemId ?? '', performedBy: person } };
      }
      case 'SkipProcedure':
        if (!orEmpty(text)) return t('form.reasonRequired');
        return { type: 'SkipProcedure', streamId, payload: { itemId, reason: text.trim() } };
      case 'TakePhotos':
        return { type: 'TakePhotos', streamId, payload: { stage: photoStage, count: Math.max(1, Number(count) || 1) } };
      case 'RecordPayment':
        return { type: 'RecordPayment', streamId, payload: { amount: wonOf(amount), method } };
      case 'RefundPayment':
        return { type: 'RefundPayment', streamId, payload: { amount: wonOf(amount), method, ...(orEmpty(text) ? { reason: orEmpty(text) } : {}) } };
      case 'Reschedule': {
        const times = slotInstants(slot, timeZone);
        if (!times) return t('reservation.endBeforeStart');
        return { type: 'Reschedule', streamId, payload: { ...times, ...(person ? { doctorId: person } : {}) } };
      }
      case 'CancelReservation':
        return { type: 'CancelReservation', streamId, payload: orEmpty(text) ? { reason: text.trim() } : {} };
      case 'AbandonVisit':
        return { type: 'AbandonVisit', streamId, payload: orEmpty(text) ? { reason: text.trim() } : {} };
      case 'AssignDoctor':
        return { type: 'AssignDoctor', streamId, payload: { doctorId: person } };
      case 'AddMemo':
        return { type: 'AddMemo', streamId, payload: { text } };
      case 'RecordConsent':
        return { type: 'RecordConsent', streamId, payload: { form: text, formVersion: version } };
      default:
        return immediateCommand(action, visitId, state) ?? '';
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = command();
    if (typeof built === 'string') {
      setInvalid(built);
      return;
    }
    setInvalid(null);
    onSend(built);
  };

  let fields: ReactNode;
  const reason = (required = false) => <TextField label={t('form.reason')} value={text} onChange={setText} required={required} maxLength={500} autoFocus />;
  switch (action) {
    case 'StartConsultation':
      fields = <StaffChoice label={t('form.consultant')} staff={staff} roles={ROLES.clinical} value={person} onChange={setPerson} />;
      break;
    case 'CompleteConsultation':
      fields = <PlanEditor items={items} onChange={setItems} />;
      break;
    case 'ChangeProcedurePlan':
      fields = (
        <>
          <PlanEditor items={items} onChange={setItems} />
          <TextField label={`${t('form.reason')} (${t('common.optional')})`} value={text} onChange={setText} maxLength={500} />
        </>
      );
      break;
    case 'StartProcedure':
      fields = (
        <>
          <p className="muted">{state.plan.find((item) => item.status === 'pending')?.name}</p>
          <StaffChoice label={t('form.performer')} staff={staff} roles={ROLES.treating} value={person} onChange={setPerson} />
        </>
      );
      break;
    case 'SkipProcedure':
      fields = (
        <>
          <Choice label={t('form.item')} value={itemId} options={unfinished.map((item) => ({ value: item.itemId, label: item.name }))} onChange={setItemId} />
          {reason(true)}
        </>
      );
      break;
    case 'TakePhotos':
      fields = (
        <>
          <RadioRow
            legend={t('form.photoStage')}
            value={photoStage}
            options={[
              { value: 'before', label: t('form.before') },
              { value: 'after', label: t('form.after') },
            ]}
            onChange={setPhotoStage}
          />
          <label className="field">
            <span>{t('form.photoCount')}</span>
            <input type="number" min={1} max={200} value={count} onChange={(event) => setCount(event.target.value)} />
          </label>
        </>
      );
      break;
    case 'RecordPayment':
    case 'RefundPayment':
      fields = (
        <>
          <MoneyField label={t('form.amount')} value={amount} onChange={setAmount} autoFocus />
          <RadioRow legend={t('form.method')} value={method} options={METHODS.map((value) => ({ value, label: t(`form.methods.${value}`) }))} onChange={setMethod} />
          {action === 'RefundPayment' ? <TextField label={`${t('form.reason')} (${t('common.optional')})`} value={text} onChange={setText} maxLength={500} /> : null}
        </>
      );
      break;
    case 'Reschedule':
      fields = (
        <>
          <SlotFields slot={slot} onChange={setSlot} />
          <StaffChoice label={t('form.doctor')} staff={staff} roles={ROLES.doctors} value={person || state.doctorId || ''} onChange={setPerson} none={t('form.noDoctor')} />
          <DoubleBooking doctorId={person || state.doctorId || ''} {...(slotInstants(slot, timeZone) ?? {})} visitId={visitId} />
        </>
      );
      break;
    case 'CancelReservation':
    case 'AbandonVisit':
      fields = <TextField label={`${t('form.reason')} (${t('common.optional')})`} value={text} onChange={setText} maxLength={500} autoFocus />;
      break;
    case 'AssignDoctor':
      fields = <StaffChoice label={t('form.doctor')} staff={staff} roles={ROLES.doctors} value={person} onChange={setPerson} />;
      break;
    case 'AddMemo':
      fields = <TextField label={t('form.memo')} value={text} onChange={setText} required multiline maxLength={2000} autoFocus />;
      break;
    case 'RecordConsent':
      fields = (
        <>
          <TextField label={t('form.consentForm')} value={text} onChange={setText} required maxLength={100} autoFocus />
          <TextField label={t('form.consentVersion')} value={version} onChange={setVersion} required maxLength={40} />
        </>
      );
      break;
    default:
      fields = null;
  }

  return (
    <form className="action-form" onSubmit={submit} aria-label={t(`action.${action}`)}>
      <h3>{t(`action.${action}`)}</h3>
      {fields}
      <FormButtons submit={t('form.confirm', { action: t(`action.${action}`) })} disabled={busy} onCancel={onCancel} invalid={invalid} />
    </form>
  );
};
