/**
 * A clinic command from a screen: sent through the desk store's `act` (the one way the renderer
 * changes clinic data), then the board and the open visit are re-read so the screen shows the
 * new state at once. Returns the refusal, to be shown next to the action that caused it.
 */
import { useCallback, useState } from 'react';
import type { CommandDraft, RpcError } from '../../shared/contract/desk-rpc.js';
import { useBoardStore, useDeskStore } from './use-desk.js';

export interface CommandRunner {
  readonly run: (command: CommandDraft) => Promise<{ streamId: string } | null>;
  readonly refusal: RpcError | null;
  readonly busy: boolean;
  readonly clear: () => void;
}

export const useCommand = (): CommandRunner => {
  const desk = useDeskStore();
  const board = useBoardStore();
  const [refusal, setRefusal] = useState<RpcError | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(
    async (command: CommandDraft) => {
      setBusy(true);
      setRefusal(null);
      try {
        const answer = await desk.getState().act('command.execute', command);
        if (!answer.ok) {
          setRefusal(answer.error);
          return null;
        }
        board.getState().markOwn(answer.result.streamId, answer.result.version);
        await Promise.all([board.getState().load(), board.getState().reloadVisit()]);
        return { streamId: answer.result.streamId };
      } finally {
        setBusy(false);
      }
    },
    [desk, board],
  );

  return { run, refusal, busy, clear: useCallback(() => setRefusal(null), []) };
};
