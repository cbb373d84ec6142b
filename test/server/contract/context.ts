/**
 * What every section of the HQ protocol contract shares: one database of the backend under test,
 * HQ's store on it and an HQ server in this process. Each test makes its own clinic, so tests do
 * not see each other's events.
 */
import { expect } from 'vitest';
import type { HqStore } from '../../../src-server/store/hq-store.js';
import type { HqDatabase } from '../../support/hq-databases.js';
import { addClinic, type TestClinic, type TestDevice } from '../../support/hq-fixtures.js';
import type { RunningHq } from '../../support/hq-server.js';

interface ContractState {
  readonly db: HqDatabase;
  readonly store: HqStore;
  readonly hq: RunningHq;
  /** Another, empty database of the same backend. */
  readonly newDatabase: () => Promise<HqDatabase>;
}

export class ContractContext {
  private state: ContractState | undefined;

  set(state: ContractState): void {
    this.state = state;
  }

  private get ready() {
    if (!this.state) throw new Error('The contract suite has not started its server');
    return this.state;
  }

  get db(): HqDatabase {
    return this.ready.db;
  }
  get store(): HqStore {
    return this.ready.store;
  }
  get hq(): RunningHq {
    return this.ready.hq;
  }
  newDatabase(): Promise<HqDatabase> {
    return this.ready.newDatabase();
  }
  get url(): string {
    return this.ready.hq.url;
  }

  /** A new clinic with one desk device. */
  async newClinic(): Promise<TestClinic & { desk: TestDevice }> {
    const clinic = await addClinic(this.store);
    return { ...clinic, desk: await clinic.addDevice() };
  }

  /** Runs `action` and checks that no table changed. */
  async unchanged<T>(action: () => Promise<T>): Promise<T> {
    const before = await this.db.dump();
    const result = await action();
    expect(await this.db.dump(), 'the database changed').toBe(before);
    return result;
  }

  /** The tables of the event log only (a push legitimately updates the device's last-seen). */
  async logTables(): Promise<unknown> {
    const dump = JSON.parse(await this.db.dump()) as Record<string, unknown>;
    return { tenants: dump.tenants, events: dump.events };
  }
}

export const expectError = (reply: { status: number; body: unknown }, status: number, code: string): void => {
  expect({ status: reply.status, body: reply.body }).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
};
