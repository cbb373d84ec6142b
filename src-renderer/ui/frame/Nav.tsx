import { useTranslation } from 'react-i18next';
import type { StaffRole } from '../../../shared/clinic/values.js';
import { SCREENS, type ScreenId } from './screens.js';

/** The narrow left navigation: only the screens that exist and the role may open. */
export const Nav = ({ role, current, onOpen }: { role: StaffRole; current: ScreenId; onOpen: (id: ScreenId) => void }) => {
  const { t } = useTranslation();
  return (
    <nav className="side-nav" aria-label={t('frame.navLabel')}>
      <ul className="plain-list">
        {SCREENS.filter((screen) => !screen.roles || screen.roles.includes(role)).map((screen) => (
          <li key={screen.id}>
            <button type="button" className="nav-item" aria-current={screen.id === current ? 'page' : undefined} onClick={() => onOpen(screen.id)}>
              {t(`frame.nav.${screen.id}`)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
};
