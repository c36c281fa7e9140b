/**
 * What the publish scenarios need from a world: a forge per run, and a way to act as people on the same
 * repositories. Implemented by the twin (publish-twin.test.ts) and by the GitHub emulator with real git
 * (publish-e2e.test.ts), so both run the very same scenarios.
 */
import type { RepoRef } from '../../generator/model/desired.js';
import type { GitForge, GitIdentity } from '../../generator/ports/git-forge.js';

export interface ObservedPull {
  readonly number: number;
  readonly head: string;
  readonly state: 'open' | 'closed';
  readonly merged: boolean;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
}

export interface PublishHarness {
  /** A forge for one run; the scenario closes it when the run is over. */
  newForge(): Promise<GitForge>;
  createRepo(owner: string, name: string, files?: Record<string, string>): Promise<RepoRef>;
  pushAsPerson(repo: RepoRef, branch: string, files: Record<string, string | null>, author: GitIdentity): Promise<void>;
  merge(repo: RepoRef, number: number): Promise<void>;
  closeAsPerson(repo: RepoRef, number: number): Promise<void>;
  tree(repo: RepoRef, branch: string): Promise<Record<string, string>>;
  pulls(repo: RepoRef): Promise<ObservedPull[]>;
  comments(repo: RepoRef, number: number): Promise<string[]>;
  /** Writes so far: commits pushed and API writes. */
  writes(): Promise<number>;
  close(): Promise<void>;
}
