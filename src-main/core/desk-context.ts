import type { DeskArgs, DeskMethod, DeskParsedArgs, DeskResults, PublicMethod } from '../../shared/contract/desk-rpc.js';
import type { SessionInfo } from '../../shared/contract/desk-views.js';
import type { Headspring, IdSource } from '../../shared/eventsourcing/index.js';
import type { DeskCoreOptions } from './desk-core-api.js';
import type { DeskQueries } from './queries/desk-queries.js';
import type { PatientQueries } from './queries/patient-search.js';
import type { StaffDirectory } from './queries/staff-directory.js';
import type { DeskSession } from './desk-session.js';
import type { HqSettings } from './hq-settings.js';
import type { DeskStore } from './store/desk-store.js';
import type { DeskSync } from './sync/desk-sync.js';

/** What every handler may use: the store, the command loop, the queries and the session. */
export interface DeskContext {
  readonly options: DeskCoreOptions;
  readonly store: DeskStore;
  readonly headspring: Headspring;
  readonly queries: DeskQueries;
  /**
   * Staff and patients read on the writable connection: what a command reads to decide (who is
   * signed in, the references it names, the managers it counts), inside its write transaction.
   * The reader's page cache is dropped after every write, and a check made there could be stale
   * by the time of the append.
   */
  readonly decisionReads: DecisionReads;
  readonly session: DeskSession;
  readonly ids: IdSource;
  readonly now: () => Date;
  readonly deskPrefix: string;
  readonly hq: HqSettings;
  /** The sync worker (once the desk has an HQ address and token), its journal and the re-run of set-aside commands. */
  readonly sync: DeskSync;
  /** Who is signed in now, read fresh: handlers re-read it after any await. */
  readonly currentActor: () => Actor | undefined;
  /** Tells the renderer the listed streams changed. */
  readonly notifyEvents: (streamIds: readonly string[]) => void;
}

/** The queries a command's decision reads (DeskContext.decisionReads). */
export interface DecisionReads {
  readonly staff: StaffDirectory;
  readonly patients: PatientQueries;
}

/** The signed-in staff member a call runs for, read fresh (role changes apply at once). */
export type Actor = SessionInfo;

/**
 * Who a handler runs for: a public method may be called with nobody signed in; every other
 * method's handler runs only for a signed-in staff member (DeskCore checks METHOD_ACCESS first).
 */
export type ActorFor<M extends DeskMethod> = M extends PublicMethod ? Actor | undefined : Actor;

export type Handler<M extends DeskMethod> = (args: DeskParsedArgs<M>, actor: ActorFor<M>) => DeskResults[M] | Promise<DeskResults[M]>;

/** The contract, implemented: a missing or mistyped method fails to compile. */
export type DeskHandlers = { readonly [M in DeskMethod]: Handler<M> };

/**
 * A call DeskCore makes itself through the same path as a host's: as the staff member named (or
 * nobody, as before the first sign-in), at the time given: a change it sends names that staff
 * member as its `actingStaffId`, as a screen's does. Throws on a refusal.
 */
export type ScriptedCall = <M extends DeskMethod>(
  method: M,
  args: DeskArgs<M>,
  as: { readonly staffId?: string; readonly at: Date },
) => Promise<DeskResults[M]>;
