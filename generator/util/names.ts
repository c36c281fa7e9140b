/** A DNS name as zonesmith compares it: lower case, without the trailing dot the DNS APIs may add. */
export function normalizeDnsName(name: string): string {
  return name.replace(/\.$/, '').toLowerCase();
}
