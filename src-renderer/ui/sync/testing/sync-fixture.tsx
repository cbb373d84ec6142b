/**
 * Sync for the renderer's component tests: a desk's sync state in plain objects and the Bridge
 * methods that answer from it (status, conflicts, resolving, settings), added to the clinic
 * fixture's recording Bridge.
 */
import { act } from '@testing-library/react';
import type { RpcResponse } from '../../../../shared/contract/desk-rpc.js';
import type { Conflict, HqIdentity, SyncStatus } from '../../../../shared/contract/desk-views.js';
import type { DeskErrorCode } from '../../../../shared/contract/error-codes.js';
import type { Language } from '../../../i18n/catalog.js';
import { newClinicDesk, PATIENT, renderDesk, sessionOf, STAFF, visitIdOf, type ClinicDesk } from '../../../testing/clinic-fixture.js';
import type { RecordingBridge, Script } from '../../../testing/recording-bridge.js';

export const THIS_DESK = '0190f5d2-9c1e-7a3b-8c4d-5e6f7a8b9c0d';
export const OTHER_DESK = '0190f5d2-9c1e-7a3b-8c4d-00000000d2d2';
export const CONFLICT_ID = '0190f5d2-9c1e-7a3b-8c4d-0000000c0f11';

/** The clinic fixture with the desk's staff member signed in: the header and its badge show. */
export const signedInClinic = (): ClinicDesk => {
  const clinic = newClinicDesk();
  clinic.status = { ...clinic.status, session: sessionOf(STAFF.desk) };
  return clinic;
};

export const syncStatus = (overrides: Partial<SyncStatus> = {}): SyncStatus => ({
  state: 'online',
  online: true,
  pending: 0,
  lastPushAt: '2026-12-01T05:20:00.000Z',
  lastPullAt: '2026-12-01T05:21:00.000Z',
  lastError: null,
  quarantined: [],
  conflicts: 0,
  clockSkewMs: 0,
  clockWarning: false,
  tokenStorage: 'keystore',
  loadingHistory: false,
  needsRebind: false,
  waitingForUpdate: [],
  hqUrl: 'https://hq.example.kr',
  ...overrides,
});

export const notConnected = (): SyncStatus =>
  syncStatus({ state: 'not-configured', online: false, lastPushAt: null, lastPullAt: null, tokenStorage: null, hqUrl: null });

/** This desk tried to cancel a reservation that the other desk had checked in meanwhile. */
export const cancelAfterCheckIn = (overrides: Partial<Conflict> = {}): Conflict => ({
  conflictId: CONFLICT_ID,
  streamId: visitIdOf(1),
  streamType: 'visit',
  patientId: PATIENT.patientId,
  patientName: PATIENT.name,
  command: {
    commandId: '0190f5d2-9c1e-7a3b-8c4d-0000000c0d01',
    type: 'CancelReservation',
    payload: { reason: '환자 요청' },
    issuedBy: STAFF.desk.staffId,
    issuedByName: STAFF.desk.name,
    issuedAt: '2026-12-01T05:10:00.000Z',
  },
  code: 'ALREADY_CHECKED_IN',
  message: 'The visit is already checked in',
  raisedAt: '2026-12-01T05:15:00.000Z',
  deviceId: THIS_DESK,
  theirs: [
    { version: 2, eventType: 'CheckedIn', summary: 'Checked in at the desk', at: '2026-12-01T05:08:00.000Z', staffId: STAFF.counselor.staffId, staffName: STAFF.counselor.name, deviceId: OTHER_DESK },
  ],
  waiting: [],
  status: 'open',
  resolution: null,
  ...overrides,
});

export const whoami = (overrides: Partial<HqIdentity> = {}): HqIdentity => ({
  installationId: THIS_DESK,
  hqUrl: 'https://hq.example.kr',
  hq: {
    tenantId: '0190f5d2-9c1e-7a3b-8c4d-00000000aaaa',
    tenantName: '서울 미소 피부과',
    deviceId: '0190f5d2-9c1e-7a3b-8c4d-00000000dddd',
    deviceName: '1층 데스크',
    scope: 'desk',
    boundInstallationId: THIS_DESK,
    lowestActiveAppVersion: '0.1.0',
  },
  error: null,
  ...overrides,
});

export interface SyncDesk {
  status: SyncStatus;
  conflicts: Conflict[];
  identity: HqIdentity;
  /** Refuse the next call of this method with that code. */
  refuse: Partial<Record<'sync.status' | 'sync.now' | 'conflicts.list' | 'conflicts.resolve' | 'sync.retryStream' | 'sync.configure' | 'sync.whoami', DeskErrorCode>>;
}

export const newSyncDesk = (overrides: Partial<SyncDesk> = {}): SyncDesk => ({
  status: syncStatus(),
  conflicts: [],
  identity: whoami(),
  refuse: {},
  ...overrides,
});

const refused = (sync: SyncDesk, method: keyof SyncDesk['refuse']): RpcResponse<never> | null => {
  const code = sync.refuse[method];
  if (!code) return null;
  delete sync.refuse[method];
  return { ok: false, error: { code, message: `${method} refused` } };
};

export const syncScript = (sync: SyncDesk, clinic: ClinicDesk): Script => ({
  'sync.status': () => refused(sync, 'sync.status') ?? { ok: true, result: sync.status },
  'sync.now': () => refused(sync, 'sync.now') ?? { ok: true, result: sync.status },
  'conflicts.list': () => refused(sync, 'conflicts.list') ?? { ok: true, result: { items: sync.conflicts } },
  'conflicts.resolve': (args) => {
    const refusal = refused(sync, 'conflicts.resolve');
    if (refusal) return refusal;
    const by = clinic.status.session;
    sync.conflicts = sync.conflicts.map((conflict) =>
      conflict.conflictId === args.conflictId
        ? { ...conflict, status: args.action === 'retry' ? 'retried' : 'dismissed', resolution: { by: by?.staffId ?? '', byName: by?.name ?? null, at: '2026-12-01T05:30:00.000Z', reason: args.reason ?? null } }
        : conflict,
    );
    sync.status = { ...sync.status, conflicts: sync.conflicts.filter((conflict) => conflict.status === 'open').length };
    return { ok: true, result: { conflictId: args.conflictId, status: args.action === 'retry' ? 'retried' : 'dismissed' } };
  },
  'sync.retryStream': (args) => {
    const refusal = refused(sync, 'sync.retryStream');
    if (refusal) return refusal;
    sync.status = { ...sync.status, quarantined: sync.status.quarantined.filter((entry) => entry.streamId !== args.streamId) };
    return { ok: true, result: sync.status };
  },
  'sync.configure': (args) => {
    const refusal = refused(sync, 'sync.configure');
    if (refusal) return refusal;
    sync.status = { ...sync.status, state: 'connecting', hqUrl: args.hqUrl, tokenStorage: 'keystore' };
    return { ok: true, result: { hqUrl: args.hqUrl } };
  },
  'sync.whoami': () => refused(sync, 'sync.whoami') ?? { ok: true, result: sync.identity },
});

/** The whole desk app over the clinic fixture, with sync answering from `sync`. */
export const renderSyncDesk = async (
  clinic: ClinicDesk,
  sync: SyncDesk,
  language: Language = 'ko',
): Promise<{ bridge: RecordingBridge; clinic: ClinicDesk; sync: SyncDesk }> => {
  const { bridge } = await renderDesk(clinic, language);
  Object.assign(bridge.script, syncScript(sync, clinic));
  await act(async () => {
    bridge.notify({ kind: 'sync' });
    await Promise.resolve();
  });
  return { bridge, clinic, sync };
};
