/**
 * A real DeskCore on a real data folder, with a clock the test moves, and typed helpers to call
 * it through `invoke` exactly as the hosts do.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { isChangeMethod, isDeskMethod, type DeskArgs, type DeskMethod, type DeskResults, type RpcError, type WithoutActing } from '../../shared/contract/desk-rpc.js';
import { openDeskCore, type DeskCore, type SecretStore } from '../../src-main/core/desk-core.js';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { tempDir } from './tab-desk.js';

/** Secrets kept in memory: the hosts' real stores (safeStorage, 0600 file) are tested with them. */
export const memorySecrets = (): SecretStore & { readonly values: Map<string, string> } => {
  const values = new Map<string, string>();
  return {
    values,
    keptIn: (name) => (values.has(name) ? 'session' : null),
    load: (name) => values.get(name) ?? null,
    save: (name, value) => {
      if (value === null) values.delete(name);
      else values.set(name, value);
    },
  };
};

export interface TestClock {
  readonly now: () => Date;
  readonly set: (iso: string) => void;
  readonly advance: (ms: number) => void;
}

export const testClock = (start = '2026-11-25T00:30:00.000Z'): TestClock => {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    set: (iso) => void (current = Date.parse(iso)),
    advance: (ms) => void (current += ms),
  };
};

/** A method's arguments as tests write them: a change may leave out the signed-in person's id. */
export type CallArgs<M extends DeskMethod> = WithoutActing<DeskArgs<M>> & { readonly actingStaffId?: string };

/**
 * `args` as the screen of whoever is signed in now would send them: a change that names no one
 * names the signed-in person (tests that send a stale or missing id do so on purpose, with
 * `core.invoke`). Anything else — other methods, arguments that are no object — is left as it is.
 */
export const asSignedInScreen = async (core: Pick<DeskCore, 'invoke'>, method: string, args: unknown): Promise<unknown> => {
  if (!isDeskMethod(method) || !isChangeMethod(method) || typeof args !== 'object' || args === null || Array.isArray(args) || 'actingStaffId' in args) {
    return args;
  }
  const status = await core.invoke('desk.status', {});
  const staffId = status.ok ? status.result.session?.staffId : undefined;
  return staffId === undefined ? args : { ...args, actingStaffId: staffId };
};

export interface TestDesk {
  readonly core: DeskCore;
  readonly dataDir: string;
  readonly clock: TestClock;
  readonly secrets: ReturnType<typeof memorySecrets>;
  /** Calls a method as the signed-in person's screen would (asSignedInScreen) and expects success. */
  readonly call: <M extends DeskMethod>(method: M, args: CallArgs<M>) => Promise<DeskResults[M]>;
  /** Calls a method (arguments unchecked, a change named as by asSignedInScreen) and expects a failure. */
  readonly refuse: (method: string, args: unknown) => Promise<RpcError>;
  readonly close: () => Promise<void>;
}

export const openTestDesk = async (
  options: { dataDir?: string; clock?: TestClock; demo?: boolean; idleTimeoutMs?: number } = {},
): Promise<TestDesk> => {
  const dataDir = options.dataDir ?? tempDir('desk');
  const clock = options.clock ?? testClock();
  const secrets = memorySecrets();
  const core = await openDeskCore({
    dataDir,
    appVersion: '0.1.0',
    secrets,
    now: clock.now,
    ...(options.demo ? { demo: true } : {}),
    ...(options.idleTimeoutMs ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
  });
  const call = async <M extends DeskMethod>(method: M, args: CallArgs<M>): Promise<DeskResults[M]> => {
    const response = await core.invoke(method, await asSignedInScreen(core, method, args));
    if (!response.ok) expect.fail(`${method} failed: ${response.error.code} ${response.error.message}`);
    return response.result;
  };
  const refuse = async (method: string, args: unknown): Promise<RpcError> => {
    const response = await core.invoke(method, await asSignedInScreen(core, method, args));
    if (response.ok) expect.fail(`${method} should have failed but returned ${JSON.stringify(response.result).slice(0, 300)}`);
    return response.error;
  };
  return { core, dataDir, clock, secrets, call, refuse, close: () => core.close() };
};

export const PIN = '1234';

/** A clinic with a signed-in manager and one staff member per role (all PIN 1234). */
export const staffedDesk = async (options: Parameters<typeof openTestDesk>[0] = {}) => {
  const desk = await openTestDesk(options);
  const { streamId: manager } = await desk.call('staff.register', { name: '김지현', role: 'manager', pin: PIN });
  await desk.call('session.signIn', { staffId: manager, pin: PIN });
  await desk.call('command.execute', { type: 'ConfigureClinic', payload: { name: '테스트 피부과', timeZone: 'Asia/Seoul' } });
  const register = async (name: string, role: 'desk' | 'counselor' | 'doctor' | 'nurse' | 'manager') =>
    (await desk.call('staff.register', { name, role, pin: PIN })).streamId;
  const staff = {
    manager,
    desk: await register('이수진', 'desk'),
    counselor: await register('박서연', 'counselor'),
    doctor: await register('최민호', 'doctor'),
    doctor2: await register('정다은', 'doctor'),
    nurse: await register('한예린', 'nurse'),
  };
  const signInAs = async (staffId: string) => {
    await desk.call('session.signIn', { staffId, pin: PIN });
  };
  return { ...desk, staff, signInAs };
};

/** Every table, every row of a desk's database: the state that bad input must leave untouched. */
export const dumpDatabase = (dataDir: string): string => {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    return JSON.stringify(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}"`).all()]));
  } finally {
    db.close();
  }
};
