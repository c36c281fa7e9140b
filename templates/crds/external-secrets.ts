/**
 * Typed L1 constructs for the External Secrets Operator objects zonesmith renders (ESO v2.9.0 serves only
 * `external-secrets.io/v1`). Only the fields zonesmith sets are typed; shapes follow the CRDs in
 * shared/reference/crds/external-secrets/v2.9.0/ and are checked against them in test/render/schemas.test.ts.
 */
import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import type { Construct } from 'constructs';

export const ESO_API_VERSION = 'external-secrets.io/v1';

export interface VaultKubernetesAuth {
  readonly mountPath: string;
  readonly role: string;
  readonly serviceAccountRef: { readonly name: string };
}

export interface SecretStoreSpec {
  readonly provider: {
    readonly vault: {
      readonly server: string;
      /** The KV mount. */
      readonly path: string;
      readonly version: 'v2';
      readonly auth: { readonly kubernetes: VaultKubernetesAuth };
    };
  };
}

export interface ExternalSecretData {
  readonly secretKey: string;
  /** `key` is the KV path below the mount; `property` a key inside that secret. */
  readonly remoteRef: { readonly key: string; readonly property: string };
}

export interface ExternalSecretSpec {
  readonly refreshInterval: string;
  readonly secretStoreRef: { readonly name: string; readonly kind: 'SecretStore' };
  readonly target: {
    readonly name: string;
    readonly creationPolicy: 'Owner';
    readonly deletionPolicy: 'Retain' | 'Delete';
    /** Template engine v2: each `data` value is a Go template over the fetched keys (`{{ .secretKey }}`). */
    readonly template?: {
      readonly type: string;
      readonly engineVersion: 'v2';
      readonly data: Readonly<Record<string, string>>;
    };
  };
  readonly data: readonly ExternalSecretData[];
}

export interface SecretStoreProps {
  readonly metadata: ApiObjectMetadata;
  readonly spec: SecretStoreSpec;
}

export interface ExternalSecretProps {
  readonly metadata: ApiObjectMetadata;
  readonly spec: ExternalSecretSpec;
}

export class SecretStore extends ApiObject {
  constructor(scope: Construct, id: string, props: SecretStoreProps) {
    super(scope, id, { apiVersion: ESO_API_VERSION, kind: 'SecretStore', metadata: props.metadata, spec: props.spec });
  }
}

export class ExternalSecret extends ApiObject {
  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id, {
      apiVersion: ESO_API_VERSION,
      kind: 'ExternalSecret',
      metadata: props.metadata,
      spec: props.spec,
    });
  }
}
