/**
 * Route53 name and id normalization at the adapter boundary. The port speaks lower-case names without the
 * trailing dot (`*` instead of Route53's `\052`) and bare zone ids (no `/hostedzone/` prefix).
 */

export function normalizeDnsName(name: string): string {
  return name.replace(/\\052/g, '*').replace(/\.$/, '').toLowerCase();
}

export function bareZoneId(id: string): string {
  return id.replace(/^\/?hostedzone\//, '');
}

export function bareChangeId(id: string): string {
  return id.replace(/^\/?change\//, '');
}
