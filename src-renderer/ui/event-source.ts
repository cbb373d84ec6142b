/**
 * Who did an event and on which desk, in words (the visit history and the audit trail): the staff
 * member's name, or "the desk itself" for what a desk's machine recorded (`device:<id>`); "this
 * desk" or another desk by its short name (its chart numbers' prefix).
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { deskPrefixOf } from '../../shared/contract/desk-prefix.js';
import { useDesk } from '../state/use-desk.js';

export const useEventSource = () => {
  const { t } = useTranslation();
  const staff = useDesk((state) => state.staff);
  const installationId = useDesk((state) => state.status?.installationId ?? null);
  const who = useCallback(
    (initiator: string | null, name?: string | null): string => {
      if (initiator === null) return t('source.unknownStaff');
      if (initiator.startsWith('device:')) return t('source.deskItself');
      return name ?? staff.find((member) => member.staffId === initiator)?.name ?? t('source.unknownStaff');
    },
    [staff, t],
  );
  const where = useCallback(
    (deviceId: string): string => (deviceId === installationId ? t('source.thisDesk') : t('source.otherDesk', { id: deskPrefixOf(deviceId) })),
    [installationId, t],
  );
  return { who, where };
};
