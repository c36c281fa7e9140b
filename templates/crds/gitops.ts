/**
 * Typed L1 constructs for the sync glue: a Flux `Kustomization` (kustomize-controller v1.9.4,
 * `kustomize.toolkit.fluxcd.io/v1`) and an Argo CD `Application` (`argoproj.io/v1alpha1`, Argo CD v3.5.1). Only
 * the fields zonesmith sets are typed; test/render/schemas.test.ts checks them against the CRDs.
 */
import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import type { Construct } from 'constructs';

export interface FluxKustomizationSpec {
  readonly interval: string;
  /** Path in the source, `./`-relative. */
  readonly path: string;
  readonly prune: boolean;
  readonly wait: boolean;
  readonly timeout: string;
  readonly sourceRef: { readonly kind: 'GitRepository'; readonly name: string };
}

export interface ArgoApplicationSpec {
  readonly project: string;
  readonly source: { readonly repoURL: string; readonly path: string; readonly targetRevision: string };
  readonly destination: { readonly server: string };
  readonly ignoreDifferences?: readonly {
    readonly group: string;
    readonly kind: string;
    readonly namespace?: string;
    readonly jsonPointers: readonly string[];
  }[];
  readonly syncPolicy: {
    readonly automated: { readonly prune: boolean; readonly selfHeal: boolean };
    readonly syncOptions?: readonly string[];
  };
}

export class FluxKustomization extends ApiObject {
  constructor(
    scope: Construct,
    id: string,
    props: { readonly metadata: ApiObjectMetadata; readonly spec: FluxKustomizationSpec },
  ) {
    super(scope, id, {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: props.metadata,
      spec: props.spec,
    });
  }
}

export class ArgoApplication extends ApiObject {
  constructor(
    scope: Construct,
    id: string,
    props: { readonly metadata: ApiObjectMetadata; readonly spec: ArgoApplicationSpec },
  ) {
    super(scope, id, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: props.metadata,
      spec: props.spec,
    });
  }
}
