/**
 * Issue 12.1, end to end: credentials go only where they belong. Real emulators, real git, the real CLI; a recording
 * HTTP server on 127.0.0.1 stands for "another git server" and sees every header it is sent.
 *
 * - a repository on an unlisted server: `validate` fails with a located error and `plan` sends it nothing;
 * - with a host rule naming another variable, that server gets only that token (git and REST), never the GitHub
 *   token, while the GitHub emulator still gets the GitHub token;
 * - no git process zonesmith spawns has a token in argv or inherits zonesmith's secrets (a spy `git` first in PATH);
 * - `plan --trusted-config`: a pull request that adds a host rule or moves serverUrl does not redirect a credential.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../generator/local/github/index.js';
import { startHarness, type Harness } from '../harness.js';
import { installGitSpy, type GitCall } from './git-spy.js';
import { startRecordingServer, wireForms, type RecordingServer } from './recording-server.js';

const ROOT = join(import.meta.dirname, '../../..');
const OTHER_TOKEN = 'other-host-token-5f1c9a7e';
const CI_SECRET = 'ci-runtime-secret-0b6d2e44';
const SESSION_SECRET = 'aws-session-secret-77aa19c3';

const head = (hosts: string) => `version: 1
defaults:
  baseDomain: platform.example.com
  vault:
    address: https://vault.platform.example.com
${hosts}orgs:
  - name: acme
    clusters:
      - name: prod
        cloud: aws
        repo: acme/gitops
`;

const clusterOn = (url: string) => `      - name: edge
        cloud: aws
        repo: ${url}
`;

function runCliProcess(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/zonesmith.mjs'), ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('credentials go only where they belong', () => {
  let h: Harness;
  let other: GitHubEmulator;
  let proxy: RecordingServer;
  let stranger: RecordingServer;
  let withOtherHost: string;

  beforeAll(async () => {
    other = await startGitHubEmulator({ tokens: { [OTHER_TOKEN]: 'other-bot' } });
    await other.createRepo('team', 'gitops', { files: { 'README.md': '# team/gitops\n' } });
    proxy = await startRecordingServer(other.serverUrl);
    stranger = await startRecordingServer();
    withOtherHost =
      head(`  git:\n    hosts:\n      - { url: "${proxy.url}", tokenEnv: OTHER_GIT_TOKEN }\n`) +
      clusterOn(`${proxy.url}/team/gitops.git`);
    h = await startHarness(head(''));
  });
  afterAll(async () => {
    await h?.close();
    await proxy?.close();
    await stranger?.close();
    await other?.close();
  });

  it('a repository on a server without a host rule: validate fails at the repo value, plan sends nothing there', async () => {
    const repo = `${stranger.url}/x/y.git`;
    await h.writeConfig(head('') + clusterOn(repo));
    const validate = await h.run('validate', '--config', 'orgs.yaml');
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain(
      `orgs.yaml:14:15: orgs[0].clusters[1].repo "${repo}" is on ${stranger.url}, which is not the GitHub server`,
    );
    expect(validate.stderr).toContain(`add under defaults.git.hosts "- { url: ${stranger.url}, tokenEnv:`);

    const plan = await h.run('plan', '--config', 'orgs.yaml');
    expect(plan.code).toBe(1);
    expect(stranger.requests).toEqual([]);
  });

  it('with a host rule, that server gets only its own token (git and REST); GitHub gets the GitHub token; git children get no secrets', async () => {
    const gitHubToken = h.stack.env.GITHUB_TOKEN!;
    await h.writeConfig(withOtherHost);
    const spy = await installGitSpy(h.dir);
    // apply creates the zone, pushes both branches and opens both pull requests; the plan after it reads them back.
    const apply = await runCliProcess(['apply', '--config', h.configPath], cliEnv(spy.binDir));
    expect(apply.code, apply.stderr).toBe(0);
    const plan = await runCliProcess(['plan', '--config', h.configPath], cliEnv(spy.binDir));
    expect(plan.code, plan.stderr).toBe(0);

    // The other server: git smart HTTP (read and push) and the REST API all reached it, always with its own token.
    const paths = proxy.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toContainEqual(
      expect.stringMatching(/^GET \/team\/gitops\.git\/info\/refs\?service=git-upload-pack$/),
    );
    expect(paths).toContainEqual(expect.stringMatching(/^POST \/team\/gitops\.git\/git-receive-pack$/));
    expect(paths).toContainEqual(expect.stringMatching(/^POST \/api\/v3\/repos\/team\/gitops\/pulls$/));
    for (const r of proxy.requests) {
      expect([`token ${OTHER_TOKEN}`, `Basic ${wireForms(OTHER_TOKEN)[1]}`], `${r.method} ${r.path}`).toContain(
        r.authorization,
      );
    }

    const calls = await spy.calls();
    expect(calls.length).toBeGreaterThan(5);
    const env = cliEnv(spy.binDir);
    const secretValues = SECRET_VARIABLES.map((k) => env[k]).filter((v): v is string => Boolean(v));
    expect(secretValues).toHaveLength(SECRET_VARIABLES.length);
    for (const call of calls) expectSealed(call, secretValues);
    // Each network command carries exactly the token of its repository's server, scoped to that repository's URL:
    // the GitHub emulator (which refuses git without its token) gets the GitHub token, the other server its own.
    const scoped = new Set(
      calls
        .filter((c) => c.env.GIT_CONFIG_KEY_0 !== undefined)
        .map((c) => `${c.env.GIT_CONFIG_KEY_0} ${c.env.GIT_CONFIG_VALUE_0}`),
    );
    expect([...scoped].sort()).toEqual(
      [
        `http.${h.stack.github.serverUrl}/acme/gitops.git.extraHeader Authorization: Basic ${wireForms(gitHubToken)[1]}`,
        `http.${proxy.url}/team/gitops.git.extraHeader Authorization: Basic ${wireForms(OTHER_TOKEN)[1]}`,
      ].sort(),
    );
  });

  it('plan --trusted-config: a pull request adding a host rule gets a located error, and nothing reaches that server', async () => {
    await writeFile(join(h.dir, 'base-orgs.yaml'), withOtherHost);
    await h.writeConfig(
      head(
        `  git:\n    hosts:\n      - { url: "${proxy.url}", tokenEnv: OTHER_GIT_TOKEN }\n      - { url: "${stranger.url}", tokenEnv: ACTIONS_RUNTIME_TOKEN }\n`,
      ) +
        clusterOn(`${proxy.url}/team/gitops.git`) +
        clusterOn(`${stranger.url}/x/y.git`).replace('edge', 'lab'),
    );
    const plan = await runCliProcess(
      ['plan', '--config', h.configPath, '--trusted-config', join(h.dir, 'base-orgs.yaml')],
      cliEnv(),
    );
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(
      `orgs[0].clusters[2].repo \\"${stranger.url}/x/y.git\\" is on ${stranger.url}, which is not the GitHub server`,
    );
    expect(plan.stderr).toMatch(/orgs\.yaml:21:15: /);
    expect(stranger.requests).toEqual([]);
  });

  it('plan --trusted-config: a pull request moving serverUrl and apiUrl is planned against the trusted GitHub server', async () => {
    await writeFile(join(h.dir, 'base-orgs.yaml'), withOtherHost);
    await h.writeConfig(
      withOtherHost.replace(
        '  git:\n',
        `  git:\n    serverUrl: "${stranger.url}"\n    apiUrl: "${stranger.url}/api/v3"\n`,
      ),
    );
    const plan = await runCliProcess(
      ['plan', '--config', h.configPath, '--trusted-config', join(h.dir, 'base-orgs.yaml')],
      cliEnv(),
    );
    expect(plan.stderr).toContain('defaults.git.serverUrl, defaults.git.apiUrl differ from');
    expect(plan.code, plan.stderr).toBe(0);
    expect(stranger.requests).toEqual([]);

    // Control: without --trusted-config the file itself names the GitHub server, and the token goes there.
    const control = await runCliProcess(['plan', '--json', '--config', h.configPath], cliEnv());
    // The cluster applied earlier on the old server stays in the inventory; that repository is now one no token may
    // go to: a problem of that repository (its retired folder counted in use), not a failed run.
    expect(control.code, control.stderr).not.toBe(1);
    expect(JSON.parse(control.stdout)).toMatchObject({ formatVersion: 1 });
    // (The first request is the REST check of the repository, `token <t>`; git would then send `Basic <x-access-token:t>`.)
    const [raw, basic] = wireForms(h.stack.env.GITHUB_TOKEN!);
    expect(
      stranger.requests.map((r) => r.authorization).some((a) => a === `token ${raw}` || a === `Basic ${basic}`),
    ).toBe(true);
  });

  /** The environment of a CI job: zonesmith's credentials, the other host's token and unrelated secrets. */
  function cliEnv(spyBin?: string): Record<string, string> {
    return {
      ...h.stack.env,
      OTHER_GIT_TOKEN: OTHER_TOKEN,
      AWS_SESSION_TOKEN: SESSION_SECRET,
      ACTIONS_RUNTIME_TOKEN: CI_SECRET,
      HOME: h.dir,
      PATH: `${spyBin ? `${spyBin}:` : ''}${process.env.PATH ?? '/usr/bin:/bin'}`,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
  }
});

const SECRET_VARIABLES = [
  'GITHUB_TOKEN',
  'VAULT_TOKEN',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'OTHER_GIT_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
] as const;

/** Variables a git child may have: what run-git sets, plus what the spy's shell adds itself. */
const CHILD_ENV = new Set([
  'PATH',
  'HOME',
  'LANG',
  'LC_ALL',
  'GIT_TERMINAL_PROMPT',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_CONFIG_COUNT',
  'GIT_CONFIG_KEY_0',
  'GIT_CONFIG_VALUE_0',
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS',
  'PWD',
  'OLDPWD',
  'SHLVL',
  '_',
]);

function expectSealed(call: GitCall, secretValues: readonly string[]): void {
  const label = `git ${call.argv.join(' ')}`;
  expect(
    Object.keys(call.env).filter((k) => !CHILD_ENV.has(k)),
    label,
  ).toEqual([]);
  // A short secret (the Vault emulator's root token is "root") is compared whole; longer ones anywhere in a value.
  const carries = (value: string, secret: string) => value === secret || (secret.length >= 8 && value.includes(secret));
  for (const secret of secretValues) {
    for (const form of wireForms(secret))
      expect(
        call.argv.filter((a) => carries(a, form)),
        label,
      ).toEqual([]);
    expect(
      Object.entries(call.env).filter(([, v]) => carries(v, secret)),
      label,
    ).toEqual([]);
  }
}
