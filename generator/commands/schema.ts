import { z } from 'zod';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigSchema } from '../model/config.js';
import type { CliIO } from './io.js';

export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://zonesmith.dev/schema/orgs.v1.json',
    title: 'zonesmith orgs.yaml (version 1)',
  };
}

export async function runSchema(opts: { out?: string }, io: CliIO): Promise<number> {
  const text = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
  if (opts.out) await writeFile(resolve(io.cwd, opts.out), text);
  else io.stdout(text);
  return 0;
}
