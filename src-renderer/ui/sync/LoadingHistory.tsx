/**
 * While a new desk loads the clinic's history, every list is empty because it is not built yet,
 * not because the clinic has nothing: said above every screen, with how far it is, so nobody reads
 * an empty day board as a day without reservations (UI.md: say what the desk is doing). The
 * sign-in screen says it too (from desk.status), so the first person at a new desk knows before
 * signing in that it cannot take anything yet.
 */
import { useTranslation } from 'react-i18next';
import type { HistoryLoading, SyncStatus } from '../../../shared/contract/desk-views.js';
import { percentOf, progressOf } from './catch-up-progress.js';

/** The loading as sync.status tells it to signed-in screens (desk.status tells the same before sign-in). */
export const loadingOf = (status: SyncStatus | null): HistoryLoading | null => (status?.loadingHistory ? { catchUp: status.catchUp ?? null } : null);

export const LoadingHistory = ({ loading }: { readonly loading: HistoryLoading | null }) => {
  const { t } = useTranslation();
  if (!loading) return null;
  const { catchUp } = loading;
  const percent = catchUp ? percentOf(progressOf(catchUp)) : 0;
  const building = catchUp?.phase === 'building';
  // A screen reader is told the phase when it changes, in a live region of its own; the notice,
  // whose percent moves every second or so, would be read out again and again.
  return (
    <>
      <p className="loading-history" data-testid="loading-history">
        <strong>{t(building ? 'sync.loadingHistory.building' : 'sync.loadingHistory.receiving', { percent })}</strong>{' '}
        {t('sync.loadingHistory.then')}
      </p>
      <span className="visually-hidden" role="status" data-testid="loading-history-phase">
        {t(building ? 'sync.badge.preparing' : 'sync.badge.catchingUp')}
      </span>
    </>
  );
};
