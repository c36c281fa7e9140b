/** The head every bench config shares, up to `git:` (each bench adds its own git settings). */
export const BENCH_DEFAULTS = [
  'version: 1',
  'defaults:',
  '  baseDomain: platform.example.com',
  '  vault:',
  '    address: https://vault.platform.example.com',
  '  git:',
];
