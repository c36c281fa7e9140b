import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runValidate } from '../../generator/commands/validate.js';
import { formatIssue, loadConfig, MAX_CONFIG_BYTES } from '../../generator/config/load.js';
import { githubAnnotation, type ConfigIssue } from '../../generator/config/issue.js';
import { captureIO } from './io.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const MINIMAL =
  'version: 1\ndefaults:\n  baseDomain: platform.example.com\n  vault:\n    address: https://vault.platform.example.com\n';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'zonesmith-validate-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function validateJson(config: string, cwd = tmp, env: Record<string, string> = {}) {
  const io = captureIO(cwd, env);
  const code = await runValidate({ config, json: true }, io);
  return { code, report: JSON.parse(io.out()) as { valid: boolean; errors: ConfigIssue[]; summary: string } };
}

describe('validate: good files', () => {
  it('accepts examples/orgs.yaml with the one-line summary', async () => {
    const io = captureIO(root);
    expect(await runValidate({ config: 'examples/orgs.yaml' }, io)).toBe(0);
    expect(io.out()).toBe('examples/orgs.yaml: valid — 3 orgs, 5 clusters, 4 certificates\n');
    expect(io.err()).toBe('');
  });

  it.each(['minimal.yaml', 'explicit-urls.yaml', 'with-bom.yaml'])('accepts good/%s', async (file) => {
    const { code, report } = await validateJson(`good/${file}`, here);
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
    expect(code).toBe(0);
  });

  it('returns the source text and its sha256 with the config', async () => {
    const path = join(root, 'examples/orgs.yaml');
    const outcome = await loadConfig(path);
    if (outcome.type !== 'ok') throw new Error(outcome.errors.map(formatIssue).join('\n'));
    expect(outcome.source.path).toBe(path);
    expect(outcome.source.sha256).toBe(createHash('sha256').update(outcome.source.text).digest('hex'));
    expect(outcome.config.orgs.map((o) => o.name)).toEqual(['acme', 'globex', 'initech']);
    expect(outcome.config.defaults.deletion.graceHours).toBe(24);
  });
});

describe('validate: files that are not a config', () => {
  it('refuses an empty file', async () => {
    await writeFile(join(tmp, 'empty.yaml'), '');
    const { code, report } = await validateJson('empty.yaml');
    expect(code).toBe(1);
    expect(report.errors).toEqual([
      { file: 'empty.yaml', line: 0, col: 0, path: '', message: expect.stringContaining('is empty') },
    ]);
  });

  it('refuses a file over 1 MiB without parsing it', async () => {
    const padding = `# ${'x'.repeat(1000)}\n`.repeat(Math.ceil(MAX_CONFIG_BYTES / 1000));
    await writeFile(join(tmp, 'huge.yaml'), MINIMAL + padding);
    const { code, report } = await validateJson('huge.yaml');
    expect(code).toBe(1);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.message).toMatch(/^is \d+ bytes; orgs.yaml may be at most 1048576 bytes \(1 MiB\)$/);
  });

  it('accepts a file of exactly 1 MiB', async () => {
    const valid = `${MINIMAL}orgs: []\n`;
    const filler = MAX_CONFIG_BYTES - Buffer.byteLength(valid) - 3;
    await writeFile(join(tmp, 'edge.yaml'), `${valid}#${' '.repeat(filler)}\n\n`);
    const { code } = await validateJson('edge.yaml');
    expect(code).toBe(0);
  });

  it('refuses nesting too deep to read instead of crashing', async () => {
    const deep = `${MINIMAL}x: ${'['.repeat(300_000)}${']'.repeat(300_000)}\n`;
    await writeFile(join(tmp, 'deep.yaml'), deep);
    const { code, report } = await validateJson('deep.yaml');
    expect(code).toBe(1);
    expect(report.errors).toEqual([expect.objectContaining({ message: 'the document is nested too deeply to read' })]);
  });

  it('refuses a directory', async () => {
    await mkdir(join(tmp, 'dir.yaml'), { recursive: true });
    const { code, report } = await validateJson('dir.yaml');
    expect(code).toBe(1);
    expect(report.errors[0]!.message).toContain('is a directory');
  });

  it('refuses a missing file', async () => {
    const io = captureIO(tmp);
    expect(await runValidate({ config: 'nope/orgs.yaml' }, io)).toBe(1);
    expect(io.err()).toBe(
      'nope/orgs.yaml: does not exist (pass the file with --config)\nnope/orgs.yaml: invalid — 1 error\n',
    );
  });

  it('refuses bytes that are not UTF-8, at the line and column of the first bad byte', async () => {
    const bytes = Buffer.concat([
      Buffer.from('version: 1\ndefaults:\n  baseDomain: pl'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('.example.com\n'),
    ]);
    await writeFile(join(tmp, 'latin.yaml'), bytes);
    const { code, report } = await validateJson('latin.yaml');
    expect(code).toBe(1);
    expect(report.errors).toEqual([
      {
        file: 'latin.yaml',
        line: 3,
        col: 17,
        path: '',
        message: expect.stringContaining('is not UTF-8 text (invalid byte 0xff)'),
      },
    ]);
  });

  it('refuses UTF-16 text', async () => {
    await writeFile(
      join(tmp, 'utf16.yaml'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINIMAL, 'utf16le')]),
    );
    const { code, report } = await validateJson('utf16.yaml');
    expect(code).toBe(1);
    expect(report.errors[0]!.message).toContain('is not UTF-8 text');
    expect([report.errors[0]!.line, report.errors[0]!.col]).toEqual([1, 1]);
  });
});

describe('validate: output', () => {
  const twoErrors = `${MINIMAL}orgs:\n  - name: Prod_EU\n    clusterz: []\n`;

  it('prints every error as file:line:col: path message, then the count', async () => {
    await writeFile(join(tmp, 'two.yaml'), twoErrors);
    const io = captureIO(tmp);
    expect(await runValidate({ config: 'two.yaml' }, io)).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err()).toBe(
      [
        `two.yaml:7:11: orgs[0].name "Prod_EU" is not a valid DNS label (lowercase letters, digits and '-', at most 63 characters)`,
        'two.yaml:8:5: orgs[0].clusterz is not a known key; did you mean "clusters"?',
        'two.yaml: invalid — 2 errors',
        '',
      ].join('\n'),
    );
  });

  it('prints {valid, errors, summary} with --json', async () => {
    await writeFile(join(tmp, 'two.yaml'), twoErrors);
    const { code, report } = await validateJson('two.yaml');
    expect(code).toBe(1);
    expect(report).toEqual({
      valid: false,
      summary: 'two.yaml: invalid — 2 errors',
      errors: [
        {
          file: 'two.yaml',
          line: 7,
          col: 11,
          path: 'orgs[0].name',
          message: expect.stringContaining('"Prod_EU" is not a valid DNS label'),
        },
        {
          file: 'two.yaml',
          line: 8,
          col: 5,
          path: 'orgs[0].clusterz',
          message: 'is not a known key; did you mean "clusters"?',
        },
      ],
    });
  });

  it('adds GitHub Actions annotations only under GITHUB_ACTIONS=true', async () => {
    await writeFile(join(tmp, 'two.yaml'), twoErrors);
    const plain = captureIO(tmp, {});
    await runValidate({ config: 'two.yaml' }, plain);
    expect(plain.out()).not.toContain('::error');
    const ci = captureIO(tmp, { GITHUB_ACTIONS: 'true' });
    expect(await runValidate({ config: 'two.yaml' }, ci)).toBe(1);
    expect(ci.out().split('\n').filter(Boolean)).toEqual([
      `::error file=two.yaml,line=7,col=11::orgs[0].name "Prod_EU" is not a valid DNS label (lowercase letters, digits and '-', at most 63 characters)`,
      '::error file=two.yaml,line=8,col=5::orgs[0].clusterz is not a known key; did you mean "clusters"?',
    ]);
  });

  it('keeps stdout pure JSON under GitHub Actions with --json (annotations go to stderr)', async () => {
    await writeFile(join(tmp, 'two.yaml'), twoErrors);
    const ci = captureIO(tmp, { GITHUB_ACTIONS: 'true' });
    expect(await runValidate({ config: 'two.yaml', json: true }, ci)).toBe(1);
    expect((JSON.parse(ci.out()) as { errors: unknown[] }).errors).toHaveLength(2);
    const lines = ci.err().split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error file=two\.yaml,line=7,col=11::orgs\[0\]\.name /);
    expect(lines[1]).toMatch(/^::error file=two\.yaml,line=8,col=5::orgs\[0\]\.clusterz /);
  });

  it('escapes annotation text as the runner expects', () => {
    const issue: ConfigIssue = { file: 'a,b:c.yaml', line: 0, col: 0, path: '', message: '100% sure\nreally' };
    expect(githubAnnotation(issue)).toBe('::error file=a%2Cb%3Ac.yaml::100%25 sure%0Areally');
  });

  it('formats an issue as in the README', () => {
    expect(
      formatIssue({
        file: 'orgs.yaml',
        line: 12,
        col: 7,
        path: 'orgs[0].clusters[1].name',
        message: '"Prod_EU" is not a valid DNS label',
      }),
    ).toBe('orgs.yaml:12:7: orgs[0].clusters[1].name "Prod_EU" is not a valid DNS label');
  });
});

describe('validate: GitHub Enterprise server from the environment', () => {
  const sharing = `${MINIMAL}orgs:
  - name: acme
    clusters:
      - { name: a, cloud: aws, repo: acme/gitops, folder: dns }
      - { name: b, cloud: aws, repo: "https://ghe.example.com/acme/gitops", folder: dns }
`;
  it('treats owner/name and a URL on another server (with its own host rule) as different repositories', async () => {
    await writeFile(
      join(tmp, 'ghes.yaml'),
      sharing.replace('orgs:', '  git:\n    hosts: [{ url: "https://ghe.example.com", tokenEnv: GHE_TOKEN }]\norgs:'),
    );
    expect((await validateJson('ghes.yaml')).report.errors).toEqual([]);
  });

  it('finds the collision once GITHUB_SERVER_URL names that server', async () => {
    await writeFile(join(tmp, 'ghes.yaml'), sharing);
    const { code, report } = await validateJson('ghes.yaml', tmp, { GITHUB_SERVER_URL: 'https://ghe.example.com/' });
    expect(code).toBe(1);
    expect(report.errors).toEqual([expect.objectContaining({ line: 10, col: 85, path: 'orgs[0].clusters[1].folder' })]);
  });
});

it('leaves no stray files behind in the temporary folder it was given', async () => {
  expect((await readdir(tmp)).every((f) => !f.startsWith('.'))).toBe(true);
});
