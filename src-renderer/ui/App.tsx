/**
 * The desk's frame (../shared/docs/UI.md, "Frame"): a header always visible, a narrow left
 * navigation, and the screen. Before anyone signs in: sign-in, or the first manager's set-up.
 */
import { useEffect, useState } from 'react';
import { I18nProvider } from 'react-aria-components';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n } from 'i18next';
import { createI18n, languageOf } from '../i18n/catalog.js';
import { createBoardStore } from '../state/board-store.js';
import { useSync } from '../state/sync-store.js';
import { BoardStoreContext, useDesk, useDeskStore } from '../state/use-desk.js';
import { ErrorNotice } from './ErrorNotice.js';
import { FirstManagerSetup } from './FirstManagerSetup.js';
import { Header } from './frame/Header.js';
import { Nav } from './frame/Nav.js';
import { NavigationContext, useFrameNavigation, useNavigation } from './frame/navigation.js';
import { SCREENS } from './frame/screens.js';
import { StaffSwitch } from './frame/StaffSwitch.js';
import { Toasts } from './frame/Toasts.js';
import { SignIn } from './SignIn.js';
import { LoadingHistory, loadingOf } from './sync/LoadingHistory.js';

const SignedIn = () => {
  const role = useDesk((state) => state.status?.session?.role ?? 'desk');
  const navigation = useNavigation();
  const syncStatus = useSync((state) => state.status);
  // A screen the person now signed in may not open (the staff switched) gives way to the day board.
  const screen = SCREENS.find((each) => each.id === navigation.current && (!each.roles || each.roles.includes(role))) ?? SCREENS[0];
  const Screen = screen?.Component ?? (() => null);
  return (
    <div className="workspace">
      <Nav role={role} current={screen?.id ?? 'board'} onOpen={(id) => navigation.open(id)} />
      <main className="screen">
        <LoadingHistory loading={loadingOf(syncStatus)} />
        {/* Opened again (another patient), a screen starts afresh. */}
        <Screen key={navigation.serial} />
      </main>
    </div>
  );
};

const Body = () => {
  const { t } = useTranslation();
  const phase = useDesk((state) => state.phase);
  const status = useDesk((state) => state.status);
  const error = useDesk((state) => state.error);
  const refresh = useDesk((state) => state.refresh);

  if (phase === 'loading') return <p className="muted centered">{t('common.loading')}</p>;
  if (phase === 'unreachable' || !status) {
    return (
      <main className="centered">
        <section className="panel">
          <h1>{t('signIn.unreachable')}</h1>
          {error ? <ErrorNotice error={error} /> : null}
          <button type="button" onClick={() => void refresh()}>
            {t('common.retry')}
          </button>
        </section>
      </main>
    );
  }
  if (status.session) return <SignedIn />;
  let content;
  if (status.firstManagerOpen) content = <FirstManagerSetup />;
  else if (status.staffCount === 0) {
    content = (
      <section className="panel">
        <h1>{t('signIn.waitingTitle')}</h1>
        <p className="muted">{t('signIn.waitingLead')}</p>
      </section>
    );
  } else content = <SignIn />;
  return <main className="centered">{content}</main>;
};

const Frame = () => {
  const { i18n: instance } = useTranslation();
  const language = languageOf(instance);
  const desk = useDeskStore();
  const [board] = useState(() => createBoardStore(desk));
  const navigation = useFrameNavigation(useDesk((state) => Boolean(state.status?.session)));
  useEffect(() => desk.getState().bridge.onChange((notice) => board.getState().follow(notice)), [desk, board]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <I18nProvider locale={language === 'ko' ? 'ko-KR' : 'en-US'}>
      <BoardStoreContext.Provider value={board}>
        <NavigationContext.Provider value={navigation}>
          <div className="shell">
            <Header />
            <Body />
            <StaffSwitch />
            <Toasts />
          </div>
        </NavigationContext.Provider>
      </BoardStoreContext.Provider>
    </I18nProvider>
  );
};

export const App = ({ i18n }: { readonly i18n?: i18n }) => {
  const [instance] = useState(() => i18n ?? createI18n());
  return (
    <I18nextProvider i18n={instance}>
      <Frame />
    </I18nextProvider>
  );
};
