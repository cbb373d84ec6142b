/**
 * The day board and the open visit, as the Bridge returned them. A change notice re-reads the
 * board (and the open visit); what changed since the last read and was not done on this screen
 * gets a short highlight and a toast line. Reads are coalesced: a burst of notices costs one
 * read in flight and at most one after it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ChangeNotice, RpcError } from '../../shared/contract/desk-rpc.js';
import type { BoardVisit, DayBoard, VisitDetail, VisitStage, Warning } from '../../shared/contract/desk-views.js';
import type { EventEnvelope } from '../../shared/eventsourcing/event.js';
import { clinicDayRange, clinicToday } from '../i18n/format.js';
import { coalesced } from './coalesced.js';
import type { DeskStore } from './desk-store.js';

export interface Toast {
  readonly id: number;
  readonly kind: 'new' | 'moved';
  readonly patient: string;
  readonly stage: VisitStage;
  /** The desk whose event made the change (its installation id); null when the desk could not say. */
  readonly deviceId: string | null;
}

/** How many toast lines stay on screen at once. */
const TOASTS_SHOWN = 4;

export interface BoardState {
  /** The clinic day shown, YYYY-MM-DD; null until the clinic's time zone is known. */
  readonly date: string | null;
  readonly board: DayBoard | null;
  readonly warnings: readonly Warning[];
  readonly loadError: RpcError | null;
  /** Visits changed elsewhere a moment ago. */
  readonly highlighted: ReadonlySet<string>;
  readonly toasts: readonly Toast[];
  readonly openVisitId: string | null;
  readonly visit: VisitDetail | null;
  readonly visitEvents: readonly EventEnvelope[];
  readonly visitError: RpcError | null;
  readonly setDate: (date: string) => Promise<void>;
  readonly load: () => Promise<void>;
  readonly openVisit: (visitId: string) => Promise<void>;
  readonly closeVisit: () => void;
  readonly reloadVisit: () => Promise<void>;
  /** This screen changed `streamId` up to `version`: no toast for it. */
  readonly markOwn: (streamId: string, version: number) => void;
  readonly dismissToast: (id: number) => void;
  readonly follow: (notice: ChangeNotice) => void;
}

export type BoardStore = StoreApi<BoardState>;

export const HIGHLIGHT_MS = 2_500;
export const TOAST_MS = 6_000;

export const createBoardStore = (desk: DeskStore): BoardStore =>
  createStore<BoardState>()((set, get) => {
    const own = new Map<string, number>();
    let toastId = 0;
    /** A notice of every list at once came (no stream ids: a new desk's records built): the next read announces nothing. */
    let quietNext = false;

    const timeZone = (): string => desk.getState().status?.clinic?.timeZone ?? 'Asia/Seoul';

    /** The desk that recorded the visit's newest event (the one that made `version`), from its history. */
    const deviceOf = async (visitId: string, version: number): Promise<string | null> => {
      const history = await desk.getState().read('visit.history', { visitId });
      if (!history.ok) return null;
      const events = history.result.events;
      return (events.find((event) => event.version === version) ?? events.at(-1))?.meta.deviceId ?? null;
    };

    /** Highlights what changed elsewhere at once; the toast lines follow once they can say which desk did it. */
    const announce = async (before: DayBoard, after: DayBoard): Promise<void> => {
      const old = new Map(before.visits.map((visit) => [visit.visitId, visit]));
      const changed: BoardVisit[] = [];
      const moves: { visit: BoardVisit; kind: Toast['kind'] }[] = [];
      for (const visit of after.visits) {
        const was = old.get(visit.visitId);
        if (was && was.version === visit.version) continue;
        if ((own.get(visit.visitId) ?? 0) >= visit.version) continue;
        changed.push(visit);
        if (!was || was.stage !== visit.stage) moves.push({ visit, kind: was ? 'moved' : 'new' });
      }
      if (changed.length === 0) return;
      const ids = changed.map((visit) => visit.visitId);
      set({ highlighted: new Set([...get().highlighted, ...ids]) });
      setTimeout(() => {
        const still = new Set(get().highlighted);
        for (const id of ids) still.delete(id);
        set({ highlighted: still });
      }, HIGHLIGHT_MS);
      // Only the lines that will be shown ask for their desk (a catch-up may move a whole day).
      const shown = moves.slice(-TOASTS_SHOWN);
      const devices = await Promise.all(shown.map(({ visit }) => deviceOf(visit.visitId, visit.version)));
      const toasts = shown.map(({ visit, kind }, index): Toast => ({ id: ++toastId, kind, patient: visit.patientName ?? '', stage: visit.stage, deviceId: devices[index] ?? null }));
      if (toasts.length === 0) return;
      set({ toasts: [...get().toasts, ...toasts].slice(-TOASTS_SHOWN) });
      for (const toast of toasts) setTimeout(() => get().dismissToast(toast.id), TOAST_MS);
    };

    const readBoard = async (): Promise<void> => {
      const quiet = quietNext;
      quietNext = false;
      const { read } = desk.getState();
      const date = get().date ?? clinicToday(timeZone());
      const [board, warnings] = await Promise.all([read('board.day', { date }), read('warnings.list', clinicDayRange(date, timeZone()))]);
      if (get().date !== null && get().date !== date) return; // the day changed meanwhile
      if (!board.ok) {
        set({ loadError: board.error });
        return;
      }
      const before = get().board;
      set({ date, board: board.result, warnings: warnings.ok ? warnings.result.items : get().warnings, loadError: null });
      // A whole day appearing at once is not news from another desk: no highlight, no toast lines.
      if (before && before.date === date && !quiet) await announce(before, board.result);
    };

    const load = coalesced(readBoard);

    const reloadVisit = async (): Promise<void> => {
      const visitId = get().openVisitId;
      if (!visitId) return;
      const { read } = desk.getState();
      const [visit, history] = await Promise.all([read('visit.get', { visitId }), read('visit.history', { visitId })]);
      if (get().openVisitId !== visitId) return;
      set({
        visit: visit.ok ? visit.result : get().visit,
        visitEvents: history.ok ? history.result.events : get().visitEvents,
        visitError: visit.ok ? null : visit.error,
      });
    };

    return {
      date: null,
      board: null,
      warnings: [],
      loadError: null,
      highlighted: new Set(),
      toasts: [],
      openVisitId: null,
      visit: null,
      visitEvents: [],
      visitError: null,
      setDate: async (date) => {
        set({ date, board: get().board?.date === date ? get().board : null });
        await load();
      },
      load,
      openVisit: async (visitId) => {
        set({ openVisitId: visitId, visit: null, visitEvents: [], visitError: null });
        await reloadVisit();
      },
      closeVisit: () => set({ openVisitId: null, visit: null, visitEvents: [], visitError: null }),
      reloadVisit,
      markOwn: (streamId, version) => own.set(streamId, Math.max(version, own.get(streamId) ?? 0)),
      dismissToast: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),
      follow: (notice) => {
        // Before sign-in there is no board on screen to keep up to date.
        if (notice.kind !== 'events' || !desk.getState().status?.session || get().date === null) return;
        if (!notice.streamIds) quietNext = true;
        void load();
        const open = get().openVisitId;
        if (open && (!notice.streamIds || notice.streamIds.includes(open))) void reloadVisit();
      },
    };
  });
