/**
 * A build thread's entry for the kernel's test aggregate (test/store/deferred-build-thread.int.spec.ts):
 * src-main/core/deferred-build-entry.ts with the tab registry and read models in place of the clinic's.
 */
import { runDeferredBuildInThread } from '../../src-main/core/store/deferred-build-in-thread.js';
import { picky } from './tab-picky.js';
import { tabRegistry } from './tab-desk.js';
import { tabProjection } from './tab-projection.js';

void runDeferredBuildInThread(tabRegistry, [tabProjection, picky]);
