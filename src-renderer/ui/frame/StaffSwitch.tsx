import { useEffect, useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../../shared/contract/desk-rpc.js';
import { useDesk } from '../../state/use-desk.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { FormButtons } from '../FormButtons.js';
import { PinField } from '../PinField.js';
import { StaffPicker } from '../StaffPicker.js';

/**
 * The quick switch at a shared desk: one click opens it, the next person is picked and types only
 * their own PIN. A refusal (wrong PIN, locked) leaves the current person signed in.
 */
export const StaffSwitch = () => {
  const { t } = useTranslation();
  const open = useDesk((state) => state.switchOpen);
  const close = useDesk((state) => state.closeSwitch);
  const staff = useDesk((state) => state.staff);
  const current = useDesk((state) => state.status?.session ?? null);
  const switchTo = useDesk((state) => state.switchTo);
  const [staffId, setStaffId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<RpcError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setStaffId(null);
      setPin('');
      setError(null);
    }
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!staffId) return;
    setBusy(true);
    const refusal = await switchTo(staffId, pin);
    setBusy(false);
    if (refusal) {
      setError(refusal);
      setPin('');
      return;
    }
    close();
  };

  return (
    <ModalOverlay isOpen={open} onOpenChange={(isOpen) => (isOpen ? undefined : close())} isDismissable className="overlay">
      <Modal className="modal">
        <Dialog className="dialog" aria-labelledby="switch-title">
          <form onSubmit={(event) => void submit(event)}>
            <Heading slot="title" id="switch-title">
              {t('switchStaff.title')}
            </Heading>
            <p className="muted">{t('switchStaff.lead')}</p>
            <StaffPicker staff={staff.filter((member) => member.staffId !== current?.staffId)} chosen={staffId} onChoose={setStaffId} name="switch-staff" />
            <PinField label={t('signIn.pin')} value={pin} onChange={setPin} />
            {error ? <ErrorNotice error={error} /> : null}
            <FormButtons submit={t('switchStaff.submit')} disabled={busy || !staffId || pin.length < 4} onCancel={close} />
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
};
