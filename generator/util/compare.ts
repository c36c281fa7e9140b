/**
 * Code-unit order of two strings (what `<` compares): -1, 0 or 1. Unlike `localeCompare` it does not depend on
 * the machine's locale, so sorted output is the same everywhere.
 */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
