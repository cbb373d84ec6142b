/**
 * Settings (managers): connect the desk to HQ with an address and a token, give it a new token
 * after HQ rotated it, see where the token is kept, this desk's installation id, and HQ's answer
 * to "who is this token?" (sync.whoami) — and, when HQ has another installation bound (a desk
 * restored from a backup), the command HQ's administrator runs to re-bind it. The address and
 * the token are checked with the contract's own rules before they are sent.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HqToken, HqUrl } from '../../../shared/contract/desk-rpc.js';
import type { RpcError } from '../../../shared/contract/desk-rpc.js';
import type { HqIdentity, SyncStatus } from '../../../shared/contract/desk-views.js';
import { useSync } from '../../state/sync-store.js';
import { useDesk } from '../../state/use-desk.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { FormButtons } from '../FormButtons.js';
import { WithCode } from './WithCode.js';

const Field = ({ label, hint, value, onChange, secret }: { label: string; hint: string; value: string; onChange: (value: string) => void; secret?: boolean }) => {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={secret ? 'password' : 'text'} value={value} autoComplete="off" spellCheck={false} aria-describedby={`${id}-hint`} onChange={(event) => onChange(event.target.value)} />
      <span id={`${id}-hint`} className="muted small">
        {hint}
      </span>
    </div>
  );
};

/** One connect form: the address and a token, or (rotating) only a new token for the same address. */
const ConnectForm = ({ status, rotate, onSaved }: { status: SyncStatus; rotate: boolean; onSaved: () => void }) => {
  const { t } = useTranslation();
  const configure = useSync((state) => state.configure);
  const [hqUrl, setHqUrl] = useState(status.hqUrl ?? '');
  const [token, setToken] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<RpcError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const url = (rotate ? (status.hqUrl ?? '') : hqUrl).trim();
    const secret = token.trim();
    if (!HqUrl.safeParse(url).success) return setInvalid(t('sync.settings.badUrl'));
    if (!HqToken.safeParse(secret).success) return setInvalid(t('sync.settings.badToken'));
    setInvalid(null);
    setBusy(true);
    try {
      const refused = await configure(url, secret);
      setRefusal(refused);
      if (!refused) {
        setToken('');
        onSaved();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={rotate ? t('sync.settings.rotate') : t('sync.settings.connection')}>
      {rotate ? (
        <p className="muted">
          <WithCode text={t('sync.settings.rotateLead')} />
        </p>
      ) : null}
      {rotate ? null : <Field label={t('sync.settings.hqUrl')} hint={t('sync.settings.hqUrlHint')} value={hqUrl} onChange={setHqUrl} />}
      <Field label={rotate ? t('sync.settings.newToken') : t('sync.settings.token')} hint={t('sync.settings.tokenHint')} value={token} onChange={setToken} secret />
      <FormButtons submit={rotate ? t('sync.settings.rotate') : t('sync.settings.connect')} disabled={busy} invalid={invalid} refusal={refusal} secondary={rotate} />
    </form>
  );
};

const Identity = ({ identity, installationId }: { identity: HqIdentity; installationId: string }) => {
  const { t } = useTranslation();
  const hq = identity.hq;
  if (!hq) return <p>{identity.error ? t('sync.panel.detail', { message: identity.error }) : t('sync.settings.noAnswer')}</p>;
  let bound = t('sync.settings.boundNone');
  if (hq.boundInstallationId === installationId) bound = t('sync.settings.boundThis');
  else if (hq.boundInstallationId) bound = t('sync.settings.boundOther', { id: hq.boundInstallationId });
  return (
    <dl className="facts">
      <div>
        <dt>{t('sync.settings.tenant')}</dt>
        <dd>{hq.tenantName}</dd>
      </div>
      <div>
        <dt>{t('sync.settings.device')}</dt>
        <dd>{hq.deviceName}</dd>
      </div>
      <div>
        <dt>{t('sync.settings.scope')}</dt>
        <dd>{hq.scope}</dd>
      </div>
      <div>
        <dt>{t('sync.settings.bound')}</dt>
        <dd data-testid="bound-installation">{bound}</dd>
      </div>
      <div>
        <dt>{t('sync.settings.lowestVersion')}</dt>
        <dd>{hq.lowestActiveAppVersion ?? '—'}</dd>
      </div>
      <div>
        <dt>{t('sync.settings.deviceId')}</dt>
        <dd>
          <code>{hq.deviceId}</code>
        </dd>
      </div>
    </dl>
  );
};

export const SettingsScreen = () => {
  const { t } = useTranslation();
  const desk = useDesk((state) => state.status);
  const read = useDesk((state) => state.read);
  const status = useSync((state) => state.status);
  const statusError = useSync((state) => state.statusError);
  const [identity, setIdentity] = useState<HqIdentity | null>(null);
  const [identityError, setIdentityError] = useState<RpcError | null>(null);
  const [asking, setAsking] = useState(false);
  // Kept here: saving a new address re-keys the form below.
  const [saved, setSaved] = useState(false);
  const onSaved = () => {
    setSaved(true);
    void ask();
  };
  const connected = status !== null && status.state !== 'not-configured';

  const ask = useCallback(async () => {
    setAsking(true);
    try {
      const answer = await read('sync.whoami', {});
      setIdentity(answer.ok ? answer.result : null);
      setIdentityError(answer.ok ? null : answer.error);
    } finally {
      setAsking(false);
    }
  }, [read]);

  useEffect(() => {
    if (connected) void ask();
  }, [connected, ask]);

  if (!desk) return null;
  const installationId = desk.installationId;
  const boundInstallationId = identity?.hq?.boundInstallationId ?? null;
  const boundElsewhere = boundInstallationId !== null && boundInstallationId !== installationId;
  const rebind = (status?.needsRebind ?? false) || boundElsewhere;

  return (
    <section className="sync-screen" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('sync.settings.title')}</h1>
      {rebind ? (
        <section className="rebind" role="status" aria-labelledby="rebind-title">
          <h2 id="rebind-title">{t('sync.settings.rebindTitle')}</h2>
          <p>
            <WithCode text={t('sync.settings.rebind', { deviceId: identity?.hq?.deviceId ?? '<deviceId>' })} />
          </p>
        </section>
      ) : null}
      {statusError ? <ErrorNotice error={statusError} /> : null}
      <div className="settings-grid">
        <section className="sync-card" aria-labelledby="connection-title">
          <h2 id="connection-title">{t('sync.settings.connection')}</h2>
          {status ? (
            <>
              <dl className="facts">
                <div>
                  <dt>{t('sync.settings.state')}</dt>
                  <dd data-testid="settings-state">{t(`sync.badge.${status.state}`)}</dd>
                </div>
                <div>
                  <dt>{t('sync.settings.hqUrl')}</dt>
                  <dd>{status.hqUrl ?? t('sync.settings.notConnected')}</dd>
                </div>
                <div>
                  <dt>{t('sync.settings.tokenStorage')}</dt>
                  <dd data-testid="token-storage">{t(`sync.settings.storage.${status.tokenStorage ?? 'none'}`)}</dd>
                </div>
              </dl>
              <p className="muted">
                <WithCode text={status.needsRebind ? t('sync.panel.needsRebind') : t(`sync.panel.${status.state}`)} />
              </p>
              {connected ? null : (
                <p className="muted">
                  <WithCode text={t('sync.settings.lead')} />
                </p>
              )}
              {saved ? (
                <p className="done-note" role="status">
                  {t('sync.settings.connected')}
                </p>
              ) : null}
              {connected ? (
                <>
                  <h3>{t('sync.settings.rotate')}</h3>
                  <ConnectForm key="rotate" status={status} rotate onSaved={onSaved} />
                  <details className="change-hq">
                    <summary>{t('sync.settings.changeHq')}</summary>
                    <ConnectForm key={`connect-${status.hqUrl ?? ''}`} status={status} rotate={false} onSaved={onSaved} />
                  </details>
                </>
              ) : (
                <ConnectForm key="connect" status={status} rotate={false} onSaved={onSaved} />
              )}
            </>
          ) : (
            <p className="muted">{t('common.loading')}</p>
          )}
        </section>
        <div className="sync-section">
          <section className="sync-card" aria-labelledby="identity-title">
            <h2 id="identity-title">{t('sync.settings.identity')}</h2>
            <dl className="facts">
              <div>
                <dt>{t('sync.settings.installationId')}</dt>
                <dd>
                  <code data-testid="installation-id">{installationId}</code>
                </dd>
              </div>
              <div>
                <dt>{t('sync.settings.deskPrefix')}</dt>
                <dd>{desk.deskPrefix}</dd>
              </div>
              <div>
                <dt>{t('sync.settings.appVersion')}</dt>
                <dd>{desk.appVersion}</dd>
              </div>
            </dl>
          </section>
          <section className="sync-card" aria-labelledby="whoami-title">
            <h2 id="whoami-title">{t('sync.settings.whoami')}</h2>
            {!connected ? <p className="muted">{t('sync.settings.notConnectedYet')}</p> : null}
            {connected && identity ? <Identity identity={identity} installationId={installationId} /> : null}
            {identityError ? <ErrorNotice error={identityError} /> : null}
            {connected ? (
              <div className="form-actions">
                <button type="button" className="secondary" disabled={asking} onClick={() => void ask()}>
                  {asking ? t('sync.settings.asking') : t('sync.settings.ask')}
                </button>
              </div>
            ) : null}
          </section>
        </div>
      </div>
    </section>
  );
};
