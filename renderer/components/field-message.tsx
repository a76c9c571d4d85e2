/** The id a field's input points at (aria-describedby) for its error, or else its hint; none when it has neither. */
export function fieldDescriptionId(
  id: string,
  error: string | undefined,
  hint: string | undefined,
): string | undefined {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

/** Under a field: its error when it has one (with `<testId>-error` for tests), else its hint. */
export function FieldMessage({
  id,
  error,
  hint,
  testId,
}: {
  id: string;
  error?: string;
  hint?: string;
  testId: string;
}) {
  if (error) {
    return (
      <span id={`${id}-error`} className="field-error" data-testid={`${testId}-error`}>
        {error}
      </span>
    );
  }
  return hint ? (
    <span id={`${id}-hint`} className="field-hint">
      {hint}
    </span>
  ) : null;
}
