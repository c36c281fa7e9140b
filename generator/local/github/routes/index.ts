/** The complete REST route table of the emulator (what `contract.test.ts` checks against GitHub's description). */
import type { Route } from '../rest-router.js';
import type { GitHubService } from '../service.js';
import { gitRefRoutes } from './git-refs.js';
import { gitTreeRoutes } from './git-trees.js';
import { issueRoutes } from './issues.js';
import { pullRoutes } from './pulls.js';
import { repoRoutes } from './repos.js';

export function restRoutes(service: GitHubService): Route[] {
  return [
    ...repoRoutes(service),
    ...pullRoutes(service),
    ...issueRoutes(service),
    ...gitRefRoutes(service),
    ...gitTreeRoutes(service),
  ];
}
