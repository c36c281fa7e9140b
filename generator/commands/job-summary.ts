/**
 * The GitHub Actions job summary: when `GITHUB_STEP_SUMMARY` names a file, a run appends its Markdown there
 * (https://docs.github.com/actions/reference/workflow-commands-for-github-actions#adding-a-job-summary).
 * A summary that cannot be written is a warning, never a failed run.
 */
import { appendFile } from 'node:fs/promises';
import type { CliIO } from './io.js';
import type { RunLog } from './log.js';

export async function appendJobSummary(io: CliIO, log: RunLog, markdown: string): Promise<void> {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file || !markdown) return;
  try {
    await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  } catch (e) {
    log.warn(
      `GITHUB_STEP_SUMMARY ${file}: cannot append the job summary (${e instanceof Error ? e.message : String(e)})`,
      { event: 'job-summary' },
    );
  }
}
