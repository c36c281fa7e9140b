/** `zonesmith schema`: print (or write with --out) the JSON Schema of orgs.yaml, for editors and CI. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { configJsonSchema } from '../config/json-schema.js';
import type { CliIO } from './io.js';

export { configJsonSchema } from '../config/json-schema.js';

/** The exact text `zonesmith schema` prints; examples/orgs.schema.json holds it and a test keeps them equal. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

export async function runSchema(opts: { out?: string }, io: CliIO): Promise<number> {
  const text = configJsonSchemaText();
  if (opts.out) await writeFile(resolve(io.cwd, opts.out), text);
  else io.stdout(text);
  return 0;
}
