import { stringify } from 'csv-stringify/sync';

/**
 * Rows as a CSV a spreadsheet opens as people expect: a byte-order mark, without which Excel reads
 * UTF-8 Arabic as Latin-1, and every cell a feed could have written as a formula (=, +, -, @) defused
 * with a leading ' (csv-stringify's escape_formulas).
 */
export function spreadsheet(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return stringify([header, ...rows], { bom: true, escape_formulas: true });
}
