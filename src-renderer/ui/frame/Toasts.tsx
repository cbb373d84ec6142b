import { useTranslation } from 'react-i18next';
import { useBoard } from '../../state/use-desk.js';

/**
 * Lines about what changed elsewhere ("다른 화면: 홍길동 체크인"). A polite live region: screen
 * readers hear them, focus never moves to them.
 */
export const Toasts = () => {
  const { t } = useTranslation();
  const toasts = useBoard((state) => state.toasts);
  const source = t('toast.elsewhere');
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label={t('toast.label')}>
      {toasts.map((toast) => (
        <p key={toast.id} className="toast">
          {toast.kind === 'new'
            ? t('toast.newVisit', { source, patient: toast.patient })
            : t(`toast.moved.${toast.stage}`, { source, patient: toast.patient })}
        </p>
      ))}
    </div>
  );
};
