/**
 * CSV for the audit export: RFC 4180 quoting, CRLF line ends, a UTF-8 BOM so Excel reads Chinese
 * correctly, and cells that a spreadsheet would run as a formula neutralised (OWASP "CSV
 * injection"): a cell starting with = + - @ (or a tab / carriage return, which Excel skips before
 * looking) gets a leading apostrophe, which spreadsheets show as text.
 */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

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
