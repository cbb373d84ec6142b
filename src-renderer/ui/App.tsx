/**
 * The desk shell: the clinic's name, who is signed in, and sign-in / sign-out. When the clinic has
 * no staff yet, the first manager is set up here. The real screens come later.
 */
import { useDesk } from '../state/use-desk.js';
import { ErrorNotice } from './ErrorNotice.js';
import { FirstManagerSetup } from './FirstManagerSetup.js';
import { ROLE_LABELS } from './labels.js';
import { SignIn } from './SignIn.js';

const Header = () => {
  const status = useDesk((state) => state.status);
  const busy = useDesk((state) => state.busy);
  const signOut = useDesk((state) => state.signOut);
  const session = status?.session ?? null;
  return (
    <header className="shell-header">
      <div className="clinic">
        <span className="clinic-name" data-testid="clinic-name">
          {status?.clinic?.name ?? '병원 이름 미설정'}
        </span>
        <span className="app-name">clinic-desk</span>
      </div>
      {session ? (
        <div className="who" aria-label="로그인한 직원">
          <span className="who-name" data-testid="signed-in-name">
            {session.name}
          </span>
          <span className="role">{ROLE_LABELS[session.role]}</span>
          <button type="button" className="quiet" disabled={busy} onClick={() => void signOut()}>
            로그아웃
          </button>
        </div>
      ) : (
        <div className="who muted">로그인 전</div>
      )}
    </header>
  );
};

const Body = () => {
  const phase = useDesk((state) => state.phase);
  const status = useDesk((state) => state.status);
  const error = useDesk((state) => state.error);
  const refresh = useDesk((state) => state.refresh);

  if (phase === 'loading') return <p className="muted">불러오는 중…</p>;
  if (phase === 'unreachable' || !status) {
    return (
      <section className="panel">
        <h1>데스크에 연결할 수 없습니다</h1>
        {error ? <ErrorNotice error={error} /> : null}
        <button type="button" onClick={() => void refresh()}>
          다시 시도
        </button>
      </section>
    );
  }
  if (status.session) {
    return (
      <section className="panel">
        <h1>{status.session.name}님, 안녕하세요.</h1>
        <p className="muted">
          {ROLE_LABELS[status.session.role]} · 데스크 번호 {status.deskPrefix} · 직원 {status.staffCount}명
        </p>
      </section>
    );
  }
  if (status.firstManagerOpen) return <FirstManagerSetup />;
  if (status.staffCount === 0) {
    return (
      <section className="panel">
        <h1>직원 정보를 기다리는 중</h1>
        <p className="muted">본사(HQ)에서 이 병원의 직원 정보를 처음 받아 오면 로그인할 수 있습니다.</p>
      </section>
    );
  }
  return <SignIn />;
};

export const App = () => (
  <div className="shell">
    <Header />
    <main>
      <Body />
    </main>
  </div>
);
