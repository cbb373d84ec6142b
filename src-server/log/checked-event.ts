/**
 * A pushed event after its own check. The request as a whole is checked first (shape, tenant,
 * installation); each event is then parsed on its own, so one bad envelope is `rejected` while the
 * rest of the batch goes on.
 */
import { parseEventEnvelope } from '../../shared/contract/envelope.js';
import { describeIssues } from '../../shared/contract/zod-issues.js';
import type { EventEnvelope } from '../../shared/eventsourcing/event.js';

export type CheckedEvent =
  | { readonly kind: 'valid'; readonly envelope: EventEnvelope }
  | {
      readonly kind: 'invalid';
      readonly eventId: string;
      /** When the raw event names a stream, its later events in the batch are blocked. */
      readonly streamId: string | undefined;
      /** When it names its command, the other events of that command do not go in either. */
      readonly commandId?: string | undefined;
      readonly detail: string;
    };

const MAX_DETAIL_ISSUES = 3;

export const checkEvent = (raw: { readonly eventId: string } & Record<string, unknown>): CheckedEvent => {
  const parsed = parseEventEnvelope(raw);
  if (parsed.success) return { kind: 'valid', envelope: parsed.data };
  const detail = describeIssues(parsed.error.issues, { max: MAX_DETAIL_ISSUES });
  const meta = typeof raw.meta === 'object' && raw.meta !== null ? (raw.meta as Record<string, unknown>) : {};
  return {
    kind: 'invalid',
    eventId: raw.eventId,
    streamId: typeof raw.streamId === 'string' ? raw.streamId : undefined,
    commandId: typeof meta.commandId === 'string' ? meta.commandId : undefined,
    detail,
  };
};
