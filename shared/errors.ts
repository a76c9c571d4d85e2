/**
 * The one union of error codes that crosses a process boundary. Services throw `CoreError`; the router turns
 * it into `{ ok: false, code, message }`. Nothing else (no stack, no raw Error) ever reaches the renderer.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'SETUP_REQUIRED',
  'RATE_LIMITED',
  'INTERNAL',
  /**
   * The call WAS saved (committed, its outbox mutations appended) but failed while building its answer. The
   * failure's `committed` names what was saved; the screen must say so and that it must not be repeated.
   */
  'COMMITTED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ValidationIssue {
  path: string;
  message: string;
}

/** A record a call created or changed: its table and id. */
export interface CommittedRecord {
  table: string;
  id: string;
}

/** What a call that failed after its commit saved: the record it is about and its outbox mutations. */
export interface CommittedWrite {
  record: CommittedRecord | null;
  mutationIds: string[];
}

export type Failure = {
  ok: false;
  code: ErrorCode;
  message: string;
  issues?: ValidationIssue[];
  /** Only with COMMITTED. */
  committed?: CommittedWrite;
};
export type Result<T> = { ok: true; value: T } | Failure;

export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly issues: ValidationIssue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: ValidationIssue[]) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
    this.issues = issues;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
