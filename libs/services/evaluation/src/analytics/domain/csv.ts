/**
 * CSV exports of the evaluation reports: RFC 4180 (comma, CRLF, double quotes around a field that
 * holds a comma, quote or line break), UTF-8 with a byte-order mark so spreadsheet programs read
 * Chinese names. A text cell that a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or carriage return) is prefixed with an apostrophe: vendor names and comments come from
 * outside (CSV injection).
 */
export type CsvCell = string | number | boolean | null | undefined;

export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole document: BOM, header row, data rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
