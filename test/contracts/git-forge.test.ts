/** Runs the GitForge contract against the twin and against the real adapter on the GitHub emulator. */
import { afterAll, beforeAll } from 'vitest';
import { createGitHubForge } from '../../generator/adapters/github/forge.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../generator/local/github/index.js';
import { repoRef } from '../publish/fixtures.js';
import { createMemoryGitForge } from '../twins/git-forge.js';
import { describeGitForgeContract } from './git-forge.contract.js';

const twin = createMemoryGitForge();
describeGitForgeContract('in-memory twin', () => ({
  async createRepo(name) {
    const repo = repoRef('https://github.example', 'acme', name);
    twin.createRepo(repo, { files: { 'README.md': '# r\n' } });
    return repo;
  },
  forge: async () => twin,
}));

let emulator: GitHubEmulator;
beforeAll(async () => {
  emulator = await startGitHubEmulator();
});
afterAll(async () => {
  await emulator?.close();
});
describeGitForgeContract(
  'GitHub adapter on the emulator',
  () => ({
    async createRepo(name) {
      await emulator.createRepo('acme', name, { files: { 'README.md': '# r\n' } });
      return repoRef(emulator.serverUrl, 'acme', name);
    },
    forge: async () => createGitHubForge({ apiUrl: emulator.apiUrl, auth: { type: 'token', token: emulator.token } }),
  }),
  { timeoutMs: 180_000 },
);
