/**
 * How rendered objects become files in a cluster folder. Names are a function of kind and object name only, so a
 * resource keeps its file across runs and renames in code; two objects mapping to one file is a bug and throws.
 */
import YAML from 'yaml';
import type { DesiredCluster } from '../model/desired.js';

export const HEADER_LINE = '# Managed by zonesmith — do not edit; change orgs.yaml instead.';
export const KUSTOMIZATION_FILE = 'kustomization.yaml';
export const README_FILE = 'README.md';

export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly [field: string]: unknown;
}

/** `namespace.yaml` for the Namespace, `<kind>-<name>.yaml` (kind lower-cased) for everything else. */
export function resourceFileName(obj: K8sObject): string {
  if (obj.kind === 'Namespace') return 'namespace.yaml';
  return `${obj.kind.toLowerCase()}-${obj.metadata.name}.yaml`;
}

/** Glue files are named by sync tool, so they never collide with a resource file. */
export function glueFileName(obj: K8sObject): string {
  if (obj.kind === 'Kustomization') return 'flux-kustomization.yaml';
  if (obj.kind === 'Application') return 'argocd-application.yaml';
  throw new Error(`no glue file name for kind ${obj.kind}`);
}

export function fileHeader(cluster: DesiredCluster): string {
  return `${HEADER_LINE}\n# org: ${cluster.org}, cluster: ${cluster.name}\n`;
}

/** One YAML document with the header. No line folding, so long values (args, URLs) stay on one line. */
export function yamlFile(cluster: DesiredCluster, obj: unknown): string {
  return fileHeader(cluster) + YAML.stringify(obj, { lineWidth: 0, minContentWidth: 0 });
}

export function kustomizationFile(cluster: DesiredCluster, resources: readonly string[]): string {
  return yamlFile(cluster, {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...resources].sort(),
  });
}

/** Adds `name → text`, refusing a second object for one file name. */
export function addFile(files: Map<string, string>, name: string, text: string): void {
  if (files.has(name)) throw new Error(`two rendered objects map to the same file ${name}`);
  files.set(name, text);
}
