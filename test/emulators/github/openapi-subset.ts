/**
 * GitHub's REST description (the subset in /work/shared/reference/github) as a test oracle: which routes it
 * documents, which statuses each route documents, and the JSON Schema of each documented response body.
 */
import { REFERENCE_ROOT } from '../../support/reference.js';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

export const GITHUB_SUBSET = join(REFERENCE_ROOT, 'github/api.github.com.subset.json');

// ajv-formats is CommonJS with a `default` property; under NodeNext the default import is the module itself.
const addFormats = addFormatsModule.default;

interface ResponseObject {
  $ref?: string;
  content?: { 'application/json'?: { schema?: unknown } };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, ResponseObject> };
}

export interface GitHubDescription {
  /** `GET /repos/{owner}/{repo}`-style keys of every documented operation. */
  readonly routes: ReadonlySet<string>;
  /** Validates a body against the documented response; returns ajv's errors (empty when valid). */
  check(method: string, template: string, status: number, body: unknown): string[];
}

export function loadGitHubDescription(): GitHubDescription {
  const doc = JSON.parse(readFileSync(GITHUB_SUBSET, 'utf8')) as OpenApiDocument;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const routes = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) routes.add(`${method.toUpperCase()} ${path}`);
  }
  return {
    routes,
    check(method, template, status, body) {
      const operation = doc.paths[template]?.[method.toLowerCase()];
      if (!operation) return [`${method} ${template} is not in the description`];
      let response = operation.responses[String(status)];
      if (!response) return [`${method} ${template} does not document status ${status}`];
      if (response.$ref) response = doc.components.responses[response.$ref.split('/').pop() ?? ''] ?? {};
      const schema = response.content?.['application/json']?.schema;
      if (schema === undefined) return [`${method} ${template} ${status} documents no JSON body`];
      // Wrap so `#/components/...` references resolve against the document's components.
      const validate = ajv.compile({ components: doc.components, allOf: [schema] });
      if (validate(body)) return [];
      return (validate.errors ?? []).map(
        (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
      );
    },
  };
}
