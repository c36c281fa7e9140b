/** `zonesmith schema`: print (or write with --out) the JSON Schema of orgs.yaml, for editors and CI. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { configJsonSchema } from '../config/json-schema.js';
import { EXIT, type CliIO } from './io.js';
import { checkWritable } from './writable.js';

export { configJsonSchema } from '../config/json-schema.js';

/** The exact text `zonesmith schema` prints; examples/orgs.schema.json holds it and a test keeps them equal. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

export async function runSchema(opts: { out?: string }, io: CliIO): Promise<number> {
  const text = configJsonSchemaText();
  if (!opts.out) {
    io.stdout(text);
    return EXIT.ok;
  }
  const unwritable = await checkWritable(resolve(io.cwd, opts.out), opts.out);
  if (unwritable) {
    io.stderr(`schema: ${unwritable}\n`);
    return EXIT.error;
  }
  await writeFile(resolve(io.cwd, opts.out), text);
  return EXIT.ok;
}
