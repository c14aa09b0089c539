/**
 * Drive's `q` language (developers.google.com/drive/api/guides/search-files): string values in
 * single quotes with `\` and `'` escaped by a backslash. Building it here keeps model input out
 * of the query's syntax.
 */
export function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export interface DriveSearch {
  text?: string | undefined;
  name?: string | undefined;
  mimeType?: string | undefined;
  folderId?: string | undefined;
  modifiedAfter?: string | undefined;
  includeTrashed?: boolean | undefined;
}

export function driveQuery(search: DriveSearch): string {
  const clauses: string[] = [];
  if (search.text) clauses.push(`fullText contains ${quoted(search.text)}`);
  if (search.name) clauses.push(`name contains ${quoted(search.name)}`);
  if (search.mimeType) clauses.push(`mimeType = ${quoted(search.mimeType)}`);
  if (search.folderId) clauses.push(`${quoted(search.folderId)} in parents`);
  if (search.modifiedAfter) clauses.push(`modifiedTime > ${quoted(search.modifiedAfter)}`);
  if (!search.includeTrashed) clauses.push('trashed = false');
  return clauses.join(' and ');
}
