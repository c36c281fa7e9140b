#!/usr/bin/env node
// `npm run audit`: the supply-chain checks of CI.
// 1. Offline, always: every dependency in package.json is pinned to an exact version; every package in
//    package-lock.json (bundled ones excepted) carries a sha512 integrity, which `npm ci` verifies on install; no
//    package is fetched from anywhere but the configured registry (no git, file or tarball URLs); only the listed
//    packages run install scripts.
// 2. Online: `npm audit --omit=dev` — exit 1 on a high or critical advisory in a production dependency. When the
//    audit endpoint cannot be reached or refuses the request (some registries and mirrors answer 405), it prints
//    "audit endpoint unreachable" and the reason: advisories were NOT checked, which is not a failure here.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Packages allowed to run install scripts: esbuild (under tsx, a dependency) checks its platform binary package. */
const INSTALL_SCRIPTS = new Set(['node_modules/esbuild']);
const say = (line) => process.stdout.write(`${line}\n`);
const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

function lockProblems() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const problems = [];
  for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }))
    if (!EXACT.test(range)) problems.push(`package.json: ${name} ${range} is not an exact version`);
  const entries = Object.entries(lock.packages ?? {}).filter(([path, p]) => path !== '' && !p.link && !p.inBundle);
  for (const [path, p] of entries) {
    if (!String(p.integrity ?? '').startsWith('sha512-'))
      problems.push(`package-lock.json: ${path} has no sha512 integrity`);
    if (p.resolved && !/^https:\/\/registry\.npmjs\.org\//.test(p.resolved))
      problems.push(`package-lock.json: ${path} is fetched from ${p.resolved}`);
    if (p.hasInstallScript && !INSTALL_SCRIPTS.has(path))
      problems.push(`package-lock.json: ${path} runs an install script`);
  }
  const prod = entries.filter(([, p]) => !p.dev).length;
  return { problems, summary: `${entries.length} locked packages (${prod} production), each with a sha512 integrity` };
}

function npmAudit() {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['audit', '--omit=dev', '--json'],
      { cwd: root, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ error, stdout, stderr }),
    );
  });
}

/** The reason the audit endpoint gave no report, or null when the output is a report. */
function unreachable(report, stderr, error) {
  if (report && report.metadata?.vulnerabilities) return null;
  if (report?.statusCode) return `HTTP ${report.statusCode} from ${report.uri ?? 'the audit endpoint'}`;
  const net =
    /(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|network|audit endpoint returned an error)[^\n]*/i.exec(
      `${report?.message ?? ''}\n${report?.error?.summary ?? ''}\n${stderr}`,
    );
  if (net) return net[0].replace(/^npm (error|warn) /, '');
  if (error?.killed) return 'no answer within 120 s';
  return null;
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function main() {
  const lock = lockProblems();
  for (const p of lock.problems) say(`supply chain: ${p}`);
  say(`supply chain: ${lock.summary}${lock.problems.length ? `; ${lock.problems.length} problem(s)` : ''}`);
  const { error, stdout, stderr } = await npmAudit();
  const report = parse(stdout);
  const reason = unreachable(report, stderr, error);
  if (reason) {
    say(`audit endpoint unreachable: ${reason} — advisories were NOT checked (not a failure)`);
    return lock.problems.length ? 1 : 0;
  }
  if (!report?.metadata?.vulnerabilities) {
    say(`npm audit: unexpected answer (exit ${error?.code ?? 0}): ${(stderr || stdout).slice(0, 300)}`);
    return 1;
  }
  const v = report.metadata.vulnerabilities;
  for (const [name, item] of Object.entries(report.vulnerabilities ?? {}))
    if (item.severity === 'high' || item.severity === 'critical')
      say(`npm audit: ${item.severity} ${name} ${item.range ?? ''} (fix: ${JSON.stringify(item.fixAvailable)})`);
  const bad = (v.high ?? 0) + (v.critical ?? 0);
  say(
    `npm audit: production dependencies: ${v.critical ?? 0} critical, ${v.high ?? 0} high, ${v.moderate ?? 0} moderate, ${v.low ?? 0} low`,
  );
  return bad || lock.problems.length ? 1 : 0;
}

process.exitCode = await main();
