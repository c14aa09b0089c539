import { OnBehalfError } from '../../errors.ts';

/**
 * A call that waits for a person's yes. The model gets `{ error: 'APPROVAL_REQUIRED', approvalId,
 * tool, input, message }`; the app shows it to the person and calls `ob.tools.approve(approvalId)`;
 * the same call made again then runs, once.
 */
export class ApprovalRequiredError extends OnBehalfError {
  override readonly name = 'ApprovalRequiredError';
  readonly approvalId: string;
  readonly tool: string;
  readonly input: unknown;
  readonly expiresAt: Date;

  constructor(message: string, approval: { approvalId: string; tool: string; input: unknown; expiresAt: Date }) {
    super('APPROVAL_REQUIRED', message, { details: { approvalId: approval.approvalId, tool: approval.tool } });
    this.approvalId = approval.approvalId;
    this.tool = approval.tool;
    this.input = approval.input;
    this.expiresAt = approval.expiresAt;
  }
}
