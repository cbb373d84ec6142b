/**
 * The busy day after the data set's year, played through DeskCore on a copy of desk A: every
 * command of the day as `command.execute` with the clinic's own clock, as the desk's screens send
 * them (a signed-in manager, who may issue every command).
 */
import { isExecutableCommandType } from '../shared/contract/desk-rpc.js';
import { openDeskCore, type DeskCore } from '../src-main/core/desk-core.js';
import type { Handle, Step } from './data/clinic-year.js';
import type { DatasetInfo } from './data/dataset.js';
import { APP_VERSION, resolveRefs } from './data/year-run.js';

export const memorySecrets = () => {
  const values = new Map<string, string>();
  return {
    load: (name: string) => values.get(name) ?? null,
    save: (name: string, value: string | null) => void (value === null ? values.delete(name) : values.set(name, value)),
    keptIn: (name: string) => (values.has(name) ? ('session' as const) : null),
  };
};

export interface BusyDesk {
  readonly core: DeskCore;
  /** The day's commands DeskCore can take (command.execute), in time order. */
  readonly steps: readonly Step[];
  /** Runs one step at its own time; resolves with whether DeskCore accepted it. */
  readonly run: (step: Step) => Promise<boolean>;
  /** Sets the desk's clock. */
  readonly setClock: (ms: number) => void;
  readonly refusals: string[];
}

export const openBusyDesk = async (dataDir: string, info: DatasetInfo, options: { readonly hq?: { url: string; token: string } } = {}): Promise<BusyDesk> => {
  const { busyDay } = info;
  const steps = busyDay.steps.filter((step) => step.how === 'execute' && isExecutableCommandType(step.type));
  let clock = steps[0]?.at ?? Date.parse(`${busyDay.date}T00:00:00Z`);
  const core = await openDeskCore({
    dataDir,
    appVersion: APP_VERSION,
    secrets: memorySecrets(),
    now: () => new Date(clock),
    idleTimeoutMs: 7 * 24 * 3_600_000,
    ...(options.hq ? { hq: options.hq } : {}),
  });
  const signedIn = await core.invoke('session.signIn', { staffId: info.manager.staffId, pin: info.manager.pin });
  if (!signedIn.ok) throw new Error(`the benchmark's manager cannot sign in: ${signedIn.error.message}`);
  const handles = new Map<Handle, string>(Object.entries(busyDay.handles).map(([handle, id]) => [Number(handle), id]));
  const id = (handle: Handle): string => {
    const found = handles.get(handle);
    if (found === undefined) throw new Error(`busy day: handle ${handle} has no stream yet`);
    return found;
  };
  const refusals: string[] = [];
  return {
    core,
    steps,
    refusals,
    setClock: (ms) => void (clock = ms),
    run: async (step) => {
      clock = step.at;
      const payload = resolveRefs(step.payload, id) as Record<string, unknown>;
      if (step.type === 'RegisterPatient') delete payload.chartNumber; // the desk gives it
      const streamId = step.stream === 'clinic' ? 'clinic' : typeof step.stream === 'number' ? id(step.stream) : undefined;
      const answer = await core.invoke('command.execute', { type: step.type, ...(streamId !== undefined ? { streamId } : {}), payload, actingStaffId: info.manager.staffId });
      if (!answer.ok) {
        refusals.push(`${step.type}: ${answer.error.code} ${answer.error.message}`);
        return false;
      }
      if (step.makes !== undefined) handles.set(step.makes, answer.result.streamId);
      return true;
    },
  };
};
