/**
 * While a new desk loads the clinic's history, every list is empty because it is not built yet,
 * not because the clinic has nothing: said above every screen, with how far it is, so nobody reads
 * an empty day board as a day without reservations (UI.md: say what the desk is doing).
 */
import { useTranslation } from 'react-i18next';
import { useSync } from '../../state/sync-store.js';
import { percentOf, progressOf } from './catch-up-progress.js';

export const LoadingHistory = () => {
  const { t } = useTranslation();
  const status = useSync((state) => state.status);
  if (!status?.loadingHistory) return null;
  const percent = status.catchUp ? percentOf(progressOf(status.catchUp)) : 0;
  const building = status.catchUp?.phase === 'building';
  return (
    <p className="loading-history" data-testid="loading-history">
      <strong>{t(building ? 'sync.loadingHistory.building' : 'sync.loadingHistory.receiving', { percent })}</strong>{' '}
      {t('sync.loadingHistory.then')}
    </p>
  );
};
