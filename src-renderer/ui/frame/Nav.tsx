import { useTranslation } from 'react-i18next';
import type { StaffRole } from '../../../shared/clinic/values.js';
import { useSync } from '../../state/sync-store.js';
import { SCREENS, type ScreenId } from './screens.js';

/**
 * The narrow left navigation: only the screens that exist and the role may open. The conflicts
 * entry carries the count of open conflicts, as the header's badge has it (the same sync store,
 * kept up to date by `sync` notices); a screen reader hears it in the entry's name ("충돌 2건").
 */
export const Nav = ({ role, current, onOpen }: { role: StaffRole; current: ScreenId; onOpen: (id: ScreenId) => void }) => {
  const { t } = useTranslation();
  const conflicts = useSync((state) => state.status?.conflicts ?? 0);
  return (
    <nav className="side-nav" aria-label={t('frame.navLabel')}>
      <ul className="plain-list">
        {SCREENS.filter((screen) => !screen.roles || screen.roles.includes(role)).map((screen) => {
          const count = screen.id === 'conflicts' ? conflicts : 0;
          return (
            <li key={screen.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={screen.id === current ? 'page' : undefined}
                aria-label={count > 0 ? t('frame.navConflicts', { count }) : undefined}
                onClick={() => onOpen(screen.id)}
              >
                <span>{t(`frame.nav.${screen.id}`)}</span>
                {/* Word, a space, count: the entry's name holds what it shows word for word (WCAG's label in name). */}
                {count > 0 ? ' ' : null}
                {count > 0 ? (
                  <span className="nav-count tabular" data-testid="nav-conflicts">
                    {t('frame.navCount', { count })}
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
};
