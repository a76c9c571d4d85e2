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
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ValidationIssue {
  path: string;
  message: string;
}

export type Failure = { ok: false; code: ErrorCode; message: string; issues?: ValidationIssue[] };
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
