/**
 * Upstream schemas for every kind zonesmith renders: Kubernetes v1.28.0 standalone-strict JSON Schemas and the
 * openAPIV3Schema of the CRDs in shared/reference/crds. CRD schemas are made strict the way the API server's
 * structural pruning would treat them: an object that lists `properties` and neither `additionalProperties` nor
 * `x-kubernetes-preserve-unknown-fields` rejects unknown fields (pruning would silently drop them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';

import { REFERENCE_ROOT } from '../support/reference.js';
export const REFERENCE = REFERENCE_ROOT;
const K8S_DIR = join(REFERENCE, 'kubernetes/v1.28.0-standalone-strict');

const CRD_FILES: Record<string, string> = {
  'external-secrets.io/v1/SecretStore': 'crds/external-secrets/v2.9.0/external-secrets.io_secretstores.yaml',
  'external-secrets.io/v1/ExternalSecret': 'crds/external-secrets/v2.9.0/external-secrets.io_externalsecrets.yaml',
  'kustomize.toolkit.fluxcd.io/v1/Kustomization':
    'crds/flux/kustomize-controller/v1.9.4/kustomize.toolkit.fluxcd.io_kustomizations.yaml',
  'argoproj.io/v1alpha1/Application': 'crds/argo-cd/v3.5.1/application-crd.yaml',
};

// ajv-formats is CommonJS with a `default` property; under NodeNext the default import is the module itself.
const addFormats = addFormatsModule.default;

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of ['int-or-string', 'int32', 'int64', 'byte', 'double', 'float', 'duration']) ajv.addFormat(f, true);
  return ajv;
}

const ajv = newAjv();
const cache = new Map<string, ValidateFunction>();

/** The schema file name for a built-in kind: `<kind>-<first label of group>-<version>.json`, core without group. */
export function k8sSchemaFile(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
  const groupPart = group ? `-${group.split('.')[0]}` : '';
  return `${kind.toLowerCase()}${groupPart}-${version}.json`;
}

function strictify(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictify);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = strictify(v);
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

function crdSchema(file: string, version: string): object {
  const crd = YAML.parse(readFileSync(join(REFERENCE, file), 'utf8'));
  const v = crd.spec.versions.find((x: { name: string }) => x.name === version);
  if (!v) throw new Error(`${file} has no version ${version}`);
  if (!v.served) throw new Error(`${file}: version ${version} is not served`);
  const schema = strictify(v.schema.openAPIV3Schema) as Record<string, unknown>;
  // The CRD leaves metadata open; the API server checks it as ObjectMeta.
  return schema;
}

export function validatorFor(apiVersion: string, kind: string): { validate: ValidateFunction; source: string } {
  const key = `${apiVersion}/${kind}`;
  const crdFile = CRD_FILES[key];
  const source = crdFile ?? join(K8S_DIR, k8sSchemaFile(apiVersion, kind));
  const cached = cache.get(key);
  if (cached) return { validate: cached, source };
  {
    let schema: Record<string, unknown>;
    if (crdFile) schema = crdSchema(crdFile, apiVersion.split('/')[1]!) as Record<string, unknown>;
    else {
      schema = JSON.parse(readFileSync(source, 'utf8'));
      delete schema.$schema; // "http://json-schema.org/schema#" (draft-04 era URI); the content is draft-07 compatible
    }
    const validate = ajv.compile(schema);
    cache.set(key, validate);
    return { validate, source };
  }
}
