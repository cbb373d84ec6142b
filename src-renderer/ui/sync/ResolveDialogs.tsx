/**
 * The two ways out of a conflict, each in a dialog: try the original request again, its values
 * editable (a slot as date and times, a doctor from the doctors, words and amounts as typed; ids
 * and nested values stay as they were), or withdraw it with a reason every desk keeps.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../shared/clinic/permissions.js';
import { hasVisibleCharacter, PaymentMethod, StaffRole } from '../../../shared/clinic/values.js';
import { isExecutableCommandType } from '../../../shared/contract/desk-rpc.js';
import { Uuid } from '../../../shared/contract/values.js';
import type { RpcError } from '../../../shared/contract/desk-rpc.js';
import type { Conflict } from '../../../shared/contract/desk-views.js';
import { languageOf } from '../../i18n/catalog.js';
import type { Resolution } from '../../state/sync-store.js';
import { useSync } from '../../state/sync-store.js';
import { useDesk } from '../../state/use-desk.js';
import { FormButtons } from '../FormButtons.js';
import { SlotFields, slotInstants, slotOf, type Slot } from '../reservation/SlotFields.js';
import { Choice, MoneyField, StaffChoice, TextField, wonOf } from '../visit/fields.js';
import { useEventSource } from '../event-source.js';
import { subjectOf, triedSentence } from './conflict-words.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A field a person may change in a retry: the slot (separately), the doctor, a choice among the
 * domain's own values, words and amounts. Ids, hashes, the desk's own additions and nested values
 * stay as they were, and a command the desk cannot take edited (its payload is made by the desk,
 * e.g. a PIN hash) has none.
 */
type Editable = { readonly key: string; readonly kind: 'doctor' | 'text' | 'money' } | { readonly key: string; readonly kind: 'choice'; readonly options: readonly string[] };

/** The domain's own values for the fields that take one of a few. */
const CHOICES: Readonly<Record<string, readonly string[]>> = {
  channel: ['phone', 'online', 'app', 'walk-in'],
  method: PaymentMethod.options,
  role: StaffRole.options,
};
const KEPT = new Set(['chartNumber', 'pinHash', 'activeManagers', 'timeZone']);

const editablesOf = (type: string, payload: Record<string, unknown>, hasSlot: boolean): Editable[] =>
  !isExecutableCommandType(type)
    ? []
    : Object.entries(payload).flatMap(([key, value]): Editable[] => {
        if (KEPT.has(key) || (hasSlot && (key === 'startAt' || key === 'endAt'))) return [];
        if (key === 'doctorId' && typeof value === 'string') return [{ key, kind: 'doctor' }];
        if (typeof value === 'string' && Uuid.safeParse(value).success) return [];
        const options = CHOICES[key];
        if (options && typeof value === 'string' && options.includes(value)) return [{ key, kind: 'choice', options }];
        if (typeof value === 'string') return [{ key, kind: 'text' }];
        if (typeof value === 'number' && key === 'amount') return [{ key, kind: 'money' }];
        return [];
      });

/** The words for a choice's value, from the screens that already name them. */
const choiceLabel = (t: TFunction, key: string, value: string): string => {
  if (key === 'channel') return t(`reservation.channels.${value}`);
  if (key === 'method') return t(`form.methods.${value}`);
  return t(`role.${value}`);
};

const ResolveDialog = ({ conflict, title, lead, submit, busy, refusal, invalid, onSubmit, onClose, children }: {
  conflict: Conflict;
  title: string;
  lead: string;
  submit: string;
  busy: boolean;
  refusal: RpcError | null;
  invalid: string | null;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) => (
  <ModalOverlay isOpen onOpenChange={(isOpen) => (isOpen ? undefined : onClose())} isDismissable className="overlay">
    <Modal className="modal wide">
      <Dialog className="dialog" aria-labelledby="resolve-title">
        <form
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            onSubmit();
          }}
        >
          <Heading slot="title" id="resolve-title">
            {title}
          </Heading>
          <ConflictContext conflict={conflict} />
          <p className="muted">{lead}</p>
          {children}
          <FormButtons submit={submit} disabled={busy} onCancel={onClose} invalid={invalid} refusal={refusal} />
        </form>
      </Dialog>
    </Modal>
  </ModalOverlay>
);

/** Which conflict the dialog is about, in the inbox's own words. */
const ConflictContext = ({ conflict }: { conflict: Conflict }) => {
  const { t, i18n } = useTranslation();
  const { who } = useEventSource();
  return (
    <p className="resolve-context">
      <strong>{subjectOf(t, conflict)}</strong> · {triedSentence(t, languageOf(i18n), conflict, who(conflict.command.issuedBy, conflict.command.issuedByName))}
    </p>
  );
};

/** Sends the resolution; closes on success, keeps the refusal beside the form otherwise. */
const useResolve = (conflictId: string, onDone: () => void) => {
  const resolve = useSync((state) => state.resolve);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<RpcError | null>(null);
  const send = async (resolution: Resolution) => {
    setBusy(true);
    setRefusal(null);
    try {
      const refused = await resolve(conflictId, resolution);
      if (refused) setRefusal(refused);
      else onDone();
    } finally {
      setBusy(false);
    }
  };
  return { send, busy, refusal };
};

export const RetryDialog = ({ conflict, onClose }: { conflict: Conflict; onClose: () => void }) => {
  const { t } = useTranslation();
  const staff = useDesk((state) => state.staff);
  const timeZone = useDesk((state) => state.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const original = isRecord(conflict.command.payload) ? conflict.command.payload : {};
  const editable = isExecutableCommandType(conflict.command.type);
  const reservation = editable && typeof original.startAt === 'string' && typeof original.endAt === 'string' ? { startAt: original.startAt, endAt: original.endAt } : null;
  const [slot, setSlot] = useState<Slot | null>(() => (reservation ? slotOf({ ...reservation, channel: 'phone' }, timeZone) : null));
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(editablesOf(conflict.command.type, original, reservation !== null).map(({ key }) => [key, String(original[key])])),
  );
  const [invalid, setInvalid] = useState<string | null>(null);
  const { send, busy, refusal } = useResolve(conflict.conflictId, onClose);
  const editables = editablesOf(conflict.command.type, original, reservation !== null);
  const set = (key: string) => (value: string) => setValues((before) => ({ ...before, [key]: value }));

  const submit = () => {
    const times = slot ? slotInstants(slot, timeZone) : null;
    if (slot && !times) {
      setInvalid(t('reservation.endBeforeStart'));
      return;
    }
    setInvalid(null);
    const edited: Record<string, unknown> = { ...original, ...(times ?? {}) };
    for (const { key, kind } of editables) {
      const value = values[key] ?? '';
      // An emptied field is left out: the desk then says whether the request needs it.
      if (value.trim() === '') delete edited[key];
      else edited[key] = kind === 'money' ? wonOf(value) : value.trim();
    }
    // An unchanged request is sent as it was: the desk then runs the original itself.
    const changed = JSON.stringify(edited) !== JSON.stringify(original);
    void send(changed ? { action: 'retry', payload: edited } : { action: 'retry' });
  };

  return (
    <ResolveDialog conflict={conflict} title={t('sync.conflicts.retryTitle')} lead={t('sync.conflicts.retryLead')} submit={t('sync.conflicts.retrySubmit')}
      busy={busy} refusal={refusal} invalid={invalid} onSubmit={submit} onClose={onClose}>
      {slot ? <SlotFields slot={slot} onChange={setSlot} /> : null}
      {editables.map((field) => {
        const { key, kind } = field;
        const label = t(`sync.conflicts.field.${key}`, { defaultValue: key });
        const value = values[key] ?? '';
        if (field.kind === 'choice') {
          return <Choice key={key} label={label} value={value} options={field.options.map((option) => ({ value: option, label: choiceLabel(t, key, option) }))} onChange={set(key)} />;
        }
        if (kind === 'doctor') return <StaffChoice key={key} label={label} staff={staff} roles={ROLES.doctors} value={value} onChange={set(key)} />;
        if (kind === 'money') return <MoneyField key={key} label={label} value={value} onChange={set(key)} />;
        return <TextField key={key} label={label} value={value} onChange={set(key)} maxLength={500} />;
      })}
      {!slot && editables.length === 0 ? <p>{t('sync.conflicts.unchangeable')}</p> : null}
    </ResolveDialog>
  );
};

export const DismissDialog = ({ conflict, onClose }: { conflict: Conflict; onClose: () => void }) => {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const { send, busy, refusal } = useResolve(conflict.conflictId, onClose);
  const submit = () => {
    // The desk's own rule for text that shows nothing (spaces, zero-width and filler characters).
    if (!hasVisibleCharacter(reason)) {
      setInvalid(t('sync.conflicts.reasonRequired'));
      return;
    }
    setInvalid(null);
    void send({ action: 'dismiss', reason: reason.trim() });
  };
  return (
    <ResolveDialog conflict={conflict} title={t('sync.conflicts.dismissTitle')} lead={t('sync.conflicts.dismissLead')} submit={t('sync.conflicts.dismissSubmit')}
      busy={busy} refusal={refusal} invalid={invalid} onSubmit={submit} onClose={onClose}>
      <TextField label={t('sync.conflicts.reason')} value={reason} onChange={setReason} multiline required maxLength={500} autoFocus />
    </ResolveDialog>
  );
};
