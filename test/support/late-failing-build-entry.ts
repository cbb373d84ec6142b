/**
 * A build thread's entry that says it built nothing to take, then that it failed: a thread whose
 * checkpoint of the desk's WAL fails after the desk took its tables (test/store/deferred-build-thread.int.spec.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { FromBuildThread } from '../../src-main/core/store/deferred-build-thread.js';

const tell = (message: FromBuildThread): void => parentPort?.postMessage(message);
tell({ kind: 'built', unreadable: [], kept: [], through: 0 });
tell({ kind: 'failed', message: 'the checkpoint failed' });
parentPort?.unref();
