import { useTranslation } from 'react-i18next';
import type { Toast } from '../../state/board-store.js';
import { useBoard, useDesk } from '../../state/use-desk.js';
import { useEventSource } from '../event-source.js';

/**
 * Lines about what changed elsewhere ("데스크 D2D2D: 홍길동 체크인"): another desk by its short
 * name, as the conflicts and the history name it; "다른 화면" for another screen of this desk (or
 * when the desk could not say). A polite live region: screen readers hear them, focus never
 * moves to them.
 */
export const Toasts = () => {
  const { t } = useTranslation();
  const toasts = useBoard((state) => state.toasts);
  const installationId = useDesk((state) => state.status?.installationId ?? null);
  const { where } = useEventSource();
  const sourceOf = (toast: Toast): string => (toast.deviceId !== null && toast.deviceId !== installationId ? where(toast.deviceId) : t('toast.elsewhere'));
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label={t('toast.label')}>
      {toasts.map((toast) => (
        <p key={toast.id} className="toast">
          {toast.kind === 'new'
            ? t('toast.newVisit', { source: sourceOf(toast), patient: toast.patient })
            : t(`toast.moved.${toast.stage}`, { source: sourceOf(toast), patient: toast.patient })}
        </p>
      ))}
    </div>
  );
};
