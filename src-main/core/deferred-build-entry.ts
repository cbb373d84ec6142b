/**
 * The entry of a joining desk's deferred build thread (store/deferred-build-thread.ts): the desk's
 * registry and read models, as desk-core.ts wires them.
 */
import { clinicRegistry } from '../../shared/clinic/registry.js';
import { deskProjections } from './read-models/index.js';
import { runDeferredBuildInThread } from './store/deferred-build-in-thread.js';

// not awaited at the top: the Electron build bundles this entry as CommonJS
void runDeferredBuildInThread(clinicRegistry, deskProjections);
