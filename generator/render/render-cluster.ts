/**
 * Renderer (DESIGN.md): one cluster's desired state → the files of its GitOps folder.
 * Contract: pure and synchronous; the same input gives byte-identical output (no timestamps, no random or
 * path-derived names); keys are paths relative to the cluster folder, sorted.
 */
import { App } from 'cdk8s';
import type { ClusterOutputs, DesiredCluster } from '../model/desired.js';
import { ClusterChart, SyncGlueChart } from '../../templates/cluster-chart.js';
import {
  addFile,
  glueFileName,
  KUSTOMIZATION_FILE,
  kustomizationFile,
  README_FILE,
  resourceFileName,
  yamlFile,
  type K8sObject,
} from './folder-files.js';
import { folderReadme } from './readme.js';
import { compareStrings } from '../util/compare.js';

export function renderCluster(cluster: DesiredCluster, outputs: ClusterOutputs): Record<string, string> {
  // No synth() is called, so the App never writes to its outdir: everything stays in memory.
  const app = new App();
  const resources = new ClusterChart(app, 'cluster', { cluster, outputs }).toJson() as K8sObject[];
  const glue = new SyncGlueChart(app, 'glue', { cluster }).toJson() as K8sObject[];

  const files = new Map<string, string>();
  for (const obj of resources) addFile(files, resourceFileName(obj), yamlFile(cluster, obj));
  const resourceNames = [...files.keys()];
  addFile(files, KUSTOMIZATION_FILE, kustomizationFile(cluster, resourceNames));

  let glueFile: string | undefined;
  for (const obj of glue) {
    glueFile = glueFileName(obj);
    addFile(files, glueFile, yamlFile(cluster, obj));
  }
  addFile(files, README_FILE, folderReadme(cluster, glueFile));

  return Object.fromEntries([...files.entries()].sort(([a], [b]) => compareStrings(a, b)));
}
