import type { ErrorCode, Failure } from '../../shared/errors';
import { isLimitIssue, TOTAL_LIMIT } from '../../shared/money-bounds';
import type { MessageKey, Translate } from './i18n';

/** Where a failure happened, when the same code means something more specific there. */
export type ErrorContext = 'login' | 'general';

const MESSAGE_OF_CODE: Record<ErrorCode, MessageKey> = {
  VALIDATION: 'error.VALIDATION',
  NOT_FOUND: 'error.NOT_FOUND',
  UNAUTHORIZED: 'error.UNAUTHORIZED',
  FORBIDDEN: 'error.FORBIDDEN',
  CONFLICT: 'error.CONFLICT',
  SETUP_REQUIRED: 'error.SETUP_REQUIRED',
  RATE_LIMITED: 'error.RATE_LIMITED',
  INTERNAL: 'error.INTERNAL',
  COMMITTED: 'error.COMMITTED',
};

/**
 * A friendly, translated message for an error code; the core's own message is English and for the log. An amount
 * refused for its size (shared/money-bounds.ts) says so, rather than a bare "check the data".
 */
export function errorMessage(
  t: Translate,
  failure: Pick<Failure, 'code'> & Partial<Pick<Failure, 'issues'>>,
  context: ErrorContext = 'general',
): string {
  if (context === 'login' && failure.code === 'UNAUTHORIZED') return t('error.login.UNAUTHORIZED');
  const limit = failure.code === 'VALIDATION' ? failure.issues?.find(isLimitIssue) : undefined;
  if (limit) return t(limit.message.startsWith(TOTAL_LIMIT) ? 'error.totalLimit' : 'error.amountLimit');
  return t(MESSAGE_OF_CODE[failure.code]);
}
