/**
 * The way back for a clinic left without an active manager. The desk refuses to remove the last
 * one, but two offline desks can each remove a different manager (both removals stand: they are
 * on different streams), and then nobody may manage the clinic, nor make a new manager. A desk's
 * machine restores one: `npm run desk -- restore-manager` (src-main/cli/desk.ts), never a screen.
 * It is a command of the staff stream issued as this desk (`device:<installationId>`), recorded
 * with its reason in the audit trail and delivered to HQ and every desk by sync.
 */
import { z } from 'zod';
import { staffCommandPayloads } from '../../shared/clinic/staff/commands.js';
import { Uuid } from '../../shared/contract/values.js';
import { describeIssues } from '../../shared/contract/zod-issues.js';
import type { DeskContext } from './desk-context.js';
import { issueCommand } from './handlers/issue-command.js';
import { deskError } from './rpc-errors.js';

const RestoreManagerArgs = z.strictObject({ staffId: Uuid, reason: staffCommandPayloads.RestoreManager.shape.reason });

export interface RestoredManager {
  readonly staffId: string;
  readonly name: string;
  /** The staff stream's version the restore was recorded at. */
  readonly version: number;
  /** Who it is recorded as: this desk, `device:<installationId>`. */
  readonly initiator: string;
}

export const restoreManagerWith =
  (context: DeskContext) =>
  (staffId: string, reason: string): RestoredManager => {
    const parsed = RestoreManagerArgs.safeParse({ staffId, reason });
    if (!parsed.success) throw deskError('VALIDATION', describeIssues(parsed.error.issues));
    const staff = context.queries.staff.get(parsed.data.staffId);
    if (!staff) throw deskError('NOT_FOUND', `No staff member ${parsed.data.staffId} on this desk`);
    // Only for a clinic left without one: where a manager is active, they change roles at a desk.
    const managers = context.queries.staff.activeManagers();
    if (managers > 0) {
      throw deskError('FORBIDDEN', `The clinic has ${managers} active manager(s): a manager gives the role at a desk; restoring is for a clinic left without one`);
    }
    const result = issueCommand(context, null, {
      commandId: context.ids.newId(),
      type: 'RestoreManager',
      streamId: parsed.data.staffId,
      payload: { reason: parsed.data.reason },
    });
    return { staffId: parsed.data.staffId, name: staff.name, version: result.version, initiator: `device:${context.store.installationId}` };
  };
