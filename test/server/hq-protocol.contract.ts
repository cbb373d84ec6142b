/**
 * The HQ protocol contract (docs/architecture.md, "HQ protocol"): one suite, run against each database HQ supports, through
 * real HTTP to an HQ server on 127.0.0.1. Sections live in ./contract/, one aspect per file.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import type { HqStore } from '../../src-server/store/hq-store.js';
import type { HqBackend } from '../support/hq-databases.js';
import { startHqServer, type RunningHq } from '../support/hq-server.js';
import { basisContract } from './contract/basis.contract.js';
import { concurrencyContract } from './contract/concurrency.contract.js';
import { ContractContext } from './contract/context.js';
import { identityContract } from './contract/identity.contract.js';
import { logIdContract } from './contract/log-id.contract.js';
import { limitsContract } from './contract/limits.contract.js';
import { pullContract } from './contract/pull.contract.js';
import { pullBytesContract } from './contract/pull-bytes.contract.js';
import { pushContract } from './contract/push.contract.js';
import { serveContract } from './contract/serve.contract.js';
import { securityContract } from './contract/security.contract.js';

export const hqProtocolContract = (backend: HqBackend): void => {
  describe(`HQ protocol contract: ${backend.name}`, () => {
    const ctx = new ContractContext();
    let store: HqStore | undefined;
    let hq: RunningHq | undefined;

    beforeAll(async () => {
      const db = await backend.create();
      store = await db.open();
      hq = await startHqServer(store);
      ctx.set({ db, store, hq, newDatabase: () => backend.create() });
    });
    afterAll(async () => {
      await hq?.stop();
      await store?.close();
    });

    pushContract(ctx);
    basisContract(ctx);
    pullContract(ctx);
    pullBytesContract(ctx);
    identityContract(ctx);
    logIdContract(ctx);
    securityContract(ctx);
    concurrencyContract(ctx);
    limitsContract(ctx);
    serveContract(ctx);
  });
};
