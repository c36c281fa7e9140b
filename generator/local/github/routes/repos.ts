/**
 * Account and repository routes: GET /user, POST /user/repos, POST /orgs/{org}/repos,
 * GET/PATCH /repos/{owner}/{repo}, GET /repos/{owner}/{repo}/branches/{branch}.
 */
import { branchSha, readCommit, setHeadBranch } from '../bare-repo.js';
import { notFound, problem, validationFailed } from '../api-error.js';
import { optionalBoolean, optionalNullableString, optionalString, requiredString } from '../body-fields.js';
import type { RestContext, RestResponse, Route } from '../rest-router.js';
import { isValidName, type GitHubService } from '../service.js';
import { simpleUser } from '../shapes.js';
import { githubTime } from '../state.js';

export function repoRoutes(service: GitHubService): Route[] {
  async function createFor(owner: string, ctx: RestContext): Promise<RestResponse> {
    const name = requiredString(ctx.body, 'name', 'Repository');
    if (!isValidName(name)) throw validationFailed([{ resource: 'Repository', field: 'name', code: 'invalid' }]);
    if (service.state.repo(owner, name)) {
      throw validationFailed(
        [{ resource: 'Repository', code: 'custom', field: 'name', message: 'name already exists on this account' }],
        'Repository creation failed.',
      );
    }
    const autoInit = optionalBoolean(ctx.body, 'auto_init', 'Repository') ?? false;
    const description = optionalNullableString(ctx.body, 'description', 'Repository') ?? null;
    const repo = await service.createRepository({
      owner,
      name,
      private: optionalBoolean(ctx.body, 'private', 'Repository') ?? false,
      description,
      defaultBranch: 'main',
      ...(autoInit ? { files: { 'README.md': `# ${name}\n${description ? `\n${description}\n` : ''}` } } : {}),
    });
    return { status: 201, body: await service.repoJson(repo), wrote: true };
  }

  return [
    {
      method: 'GET',
      path: '/user',
      operation: 'users.getAuthenticated',
      handler: async (ctx) => ({
        status: 200,
        body: { ...simpleUser(ctx.urls, ctx.login, service.state.accountId(ctx.login)), name: ctx.login },
        wrote: false,
      }),
    },
    {
      method: 'POST',
      path: '/user/repos',
      operation: 'repos.createForAuthenticatedUser',
      handler: (ctx) => createFor(ctx.login, ctx),
    },
    {
      method: 'POST',
      path: '/orgs/:org/repos',
      operation: 'repos.createInOrg',
      handler: (ctx) => {
        const org = ctx.params.org ?? '';
        if (!isValidName(org) || service.ownerType(org) === 'User') throw notFound();
        return createFor(org, ctx);
      },
    },
    {
      method: 'GET',
      path: '/repos/:owner/:repo',
      operation: 'repos.get',
      handler: async (ctx) => {
        const { repo } = service.repoFromParams(ctx.params);
        return { status: 200, body: await service.repoJson(repo), wrote: false };
      },
    },
    {
      method: 'PATCH',
      path: '/repos/:owner/:repo',
      operation: 'repos.update',
      handler: async (ctx) => {
        const { repo, path } = service.repoFromParams(ctx.params);
        const name = optionalString(ctx.body, 'name', 'Repository');
        if (name !== undefined && name !== repo.name) {
          // Renames move the bare repository and every URL; the emulator does not model them.
          throw validationFailed([
            {
              resource: 'Repository',
              field: 'name',
              code: 'custom',
              message: 'renaming is not supported by the emulator',
            },
          ]);
        }
        const defaultBranch = optionalString(ctx.body, 'default_branch', 'Repository');
        if (defaultBranch !== undefined && !(await branchSha(path, defaultBranch))) {
          throw validationFailed([{ resource: 'Repository', field: 'default_branch', code: 'invalid' }]);
        }
        const description = optionalNullableString(ctx.body, 'description', 'Repository');
        const homepage = optionalNullableString(ctx.body, 'homepage', 'Repository');
        const isPrivate = optionalBoolean(ctx.body, 'private', 'Repository');
        const archived = optionalBoolean(ctx.body, 'archived', 'Repository');
        if (defaultBranch !== undefined) {
          await setHeadBranch(path, defaultBranch);
          repo.defaultBranch = defaultBranch;
        }
        if (description !== undefined) repo.description = description;
        if (homepage !== undefined) repo.homepage = homepage;
        if (isPrivate !== undefined) repo.private = isPrivate;
        if (archived !== undefined) repo.archived = archived;
        repo.updatedAt = githubTime();
        return { status: 200, body: await service.repoJson(repo), wrote: true };
      },
    },
    {
      method: 'GET',
      path: '/repos/:owner/:repo/branches/*branch',
      operation: 'repos.getBranch',
      handler: async (ctx) => {
        const { repo, path } = service.repoFromParams(ctx.params);
        const branch = ctx.params.branch ?? '';
        const sha = await branchSha(path, branch);
        if (!sha) throw problem(404, 'Branch not found');
        const commit = await readCommit(path, sha);
        const api = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}`;
        return {
          status: 200,
          body: {
            name: branch,
            commit: {
              sha,
              node_id: Buffer.from(`Commit:${sha}`).toString('base64'),
              url: `${api}/commits/${sha}`,
              html_url: `${ctx.urls.web}/${repo.owner}/${repo.name}/commit/${sha}`,
              commit: {
                author: commit.author,
                committer: commit.committer,
                message: commit.message,
                tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
                url: `${api}/git/commits/${sha}`,
              },
              parents: commit.parents.map((parent) => ({ sha: parent, url: `${api}/commits/${parent}` })),
            },
            _links: {
              self: `${api}/branches/${branch}`,
              html: `${ctx.urls.web}/${repo.owner}/${repo.name}/tree/${branch}`,
            },
            protected: false,
            protection: {
              enabled: false,
              required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
            },
            protection_url: `${api}/branches/${branch}/protection`,
          },
          wrote: false,
        };
      },
    },
  ];
}
