/**
 * CSV for the audit export: RFC 4180 quoting, CRLF line ends, a UTF-8 BOM so Excel reads Chinese
 * correctly, and cells that a spreadsheet would run as a formula neutralised (OWASP "CSV
 * injection"): a cell starting with = + - @ (or a tab / carriage return, which Excel skips before
 * looking, or such a sign behind leading whitespace or quotes, or full-width) gets a leading
 * apostrophe, which spreadsheets show as text.
 */
export const CSV_BOM = '\uFEFF';

/**
 * A formula trigger (= + - @, or the full-width ＝ ＋ － ＠ Chinese input methods type) at the
 * start, or behind whitespace and quotes that spreadsheets trim on import (a leading space, line
 * feed, tab or carriage return, a double or single quote): such a cell gets the apostrophe too.
 */
const FORMULA_START = /^[\s"']*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value as string | number | boolean);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;
