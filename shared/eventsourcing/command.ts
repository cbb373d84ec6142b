/**
 * A command: what a person (or a kiosk) asked for. Time and actor arrive with it, so deciders
 * stay pure. DeskCore stamps issuedAt and issuedBy; the Bridge makes commandId.
 */
export interface Command<Type extends string = string, Payload = unknown> {
  readonly commandId: string;
  readonly type: Type;
  readonly streamId: string;
  readonly payload: Payload;
  readonly schemaVersion: number;
  /** staffId, or `device:<installationId>` for an unattended device such as a kiosk. */
  readonly issuedBy: string;
  /** ISO-8601 UTC instant. */
  readonly issuedAt: string;
  /** Correlates the commands of one business process; defaults to commandId. */
  readonly processId?: string;
  /** The command that caused this one (a conflict retry names the original); defaults to commandId. */
  readonly predecessorId?: string;
}

/** A command before it has a stream: commands that start a stream may omit streamId. */
export type CommandInput<C extends Command = Command> = Omit<C, 'streamId'> & {
  readonly streamId?: string;
};

/** Commands are classified for rebase: intents may become conflicts, observations always go in. */
export type CommandKind = 'intent' | 'observation';
