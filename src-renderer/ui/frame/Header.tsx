import { useTranslation } from 'react-i18next';
import { clinicToday, formatDay } from '../../i18n/format.js';
import { languageOf, rememberLanguage } from '../../i18n/catalog.js';
import { useDesk } from '../../state/use-desk.js';
import { useNow } from '../use-now.js';
import { SyncBadge } from './screens.js';

/** Always visible: the clinic, today's date, who is signed in (with the quick switch), the sync badge. */
export const Header = () => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const status = useDesk((state) => state.status);
  const busy = useDesk((state) => state.busy);
  const signOut = useDesk((state) => state.signOut);
  const openSwitch = useDesk((state) => state.openSwitch);
  const session = status?.session ?? null;
  useNow(60_000);
  const timeZone = status?.clinic?.timeZone ?? 'Asia/Seoul';

  const switchLanguage = () => {
    const next = language === 'ko' ? 'en' : 'ko';
    rememberLanguage(next);
    void i18n.changeLanguage(next);
  };

  return (
    <header className="shell-header">
      <div className="clinic">
        <span className="clinic-name" data-testid="clinic-name">
          {status?.clinic?.name ?? t('frame.clinicUnset')}
        </span>
        <span className="today">{formatDay(clinicToday(timeZone), language)}</span>
      </div>
      <div className="header-end">
        <div className="sync-slot" role={SyncBadge ? 'group' : undefined} aria-label={SyncBadge ? t('frame.syncSlot') : undefined}>
          {SyncBadge ? <SyncBadge /> : null}
        </div>
        <button type="button" className="quiet language" lang={language === 'ko' ? 'en' : 'ko'} onClick={switchLanguage}>
          {t('language.switchTo')}
        </button>
        {session ? (
          <div className="who" role="group" aria-label={t('frame.signedInAs')}>
            <span className="who-name" data-testid="signed-in-name">
              {session.name}
            </span>
            <span className="role">{t(`role.${session.role}`)}</span>
            <button type="button" className="quiet" onClick={openSwitch}>
              {t('frame.switchStaff')}
            </button>
            <button type="button" className="quiet" disabled={busy} onClick={() => void signOut()}>
              {t('frame.signOut')}
            </button>
          </div>
        ) : (
          <div className="who muted">{t('frame.notSignedIn')}</div>
        )}
      </div>
    </header>
  );
};
