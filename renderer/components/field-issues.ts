import type { ValidationIssue } from '../../shared/errors';

/** The first issue per field: "barcodes.2" counts for "barcodes.2" and for "barcodes". */
export function issuesByField(issues: readonly ValidationIssue[] | undefined): Map<string, string> {
  const byField = new Map<string, string>();
  for (const issue of issues ?? []) {
    const path = issue.path.replace(/^input\./, '');
    const top = path.split('.')[0] ?? path;
    if (!byField.has(path)) byField.set(path, issue.message);
    if (!byField.has(top)) byField.set(top, issue.message);
  }
  return byField;
}
