import { v7 } from 'uuid';
import type { CommandInput } from '../../shared/eventsourcing/index.js';

let minute = 0;
/** A tab command with a fresh UUIDv7 commandId and a clock that moves one minute per command. */
export const tabCmd = (type: string, payload: unknown, streamId?: string, issuedBy = '0190a000-0000-7000-8000-00000000000a'): CommandInput => ({
  commandId: v7(),
  type,
  ...(streamId ? { streamId } : {}),
  payload,
  schemaVersion: 1,
  issuedBy,
  issuedAt: new Date(Date.UTC(2026, 10, 25, 9, minute++)).toISOString(),
});
