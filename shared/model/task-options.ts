// A task's options: caching, retries, resources, Kubernetes settings (env, secrets, volumes, scheduling, ...).
import type { Argument } from './document';

export interface EnvVar {
  name: string;
  value: string;
}

export interface RetryPolicy {
  maxRetryCount: number;
  /** A duration such as `60s`. */
  backoffDuration?: string;
  backoffFactor?: number;
  backoffMaxDuration?: string;
}

export interface Resources {
  /** Kubernetes quantities: `500m`, `2`, `4Gi`. */
  cpuRequest?: string;
  cpuLimit?: string;
  memoryRequest?: string;
  memoryLimit?: string;
  accelerator?: { type: string; count: number };
  /**
   * Values taken at run time (a pipeline parameter, an upstream output, a loop item), as the SDK's
   * `set_cpu_limit(task.output)` compiles them; a field given here overrides its literal above.
   */
  from?: ResourceSources;
}

export const RESOURCE_SOURCE_FIELDS = ['cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit', 'acceleratorType', 'acceleratorCount'] as const;
export type ResourceSourceField = (typeof RESOURCE_SOURCE_FIELDS)[number];
export type ResourceSources = { [field in ResourceSourceField]?: Argument };

export interface Toleration {
  key?: string;
  operator?: 'Equal' | 'Exists';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
  /** The whole toleration as JSON taken from a value (kfp-kubernetes `add_toleration_json`); the fields above are then unused. */
  fromJson?: Argument;
}

/** A label selector requirement of an affinity term: `key In [a, b]`, `key Exists`, ... */
export interface SelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** One node affinity term (kfp-kubernetes `add_node_affinity`): required, or preferred with a weight of 1 to 100. */
export interface NodeAffinityTerm {
  matchExpressions?: SelectorRequirement[];
  matchFields?: SelectorRequirement[];
  weight?: number;
  /** The term as Kubernetes NodeAffinity JSON taken from a value (`add_node_affinity_json`). */
  fromJson?: Argument;
}

/** One pod affinity or anti-affinity term (kfp-kubernetes `add_pod_affinity`). */
export interface PodAffinityTerm {
  matchPodExpressions?: SelectorRequirement[];
  matchPodLabels?: { [key: string]: string };
  topologyKey?: string;
  namespaces?: string[];
  matchNamespaceExpressions?: SelectorRequirement[];
  matchNamespaceLabels?: { [key: string]: string };
  weight?: number;
  anti?: boolean;
}

/** A generic ephemeral volume: a claim made with the pod and deleted with it (`add_ephemeral_volume`). */
export interface EphemeralVolume {
  volumeName: string;
  mountPath: string;
  accessModes: string[];
  size: string;
  /** Absent: the cluster's default storage class. */
  storageClassName?: string;
  labels?: { [key: string]: string };
  annotations?: { [key: string]: string };
}

/** A container run before the task's own (or beside it, as a native sidecar, with restartPolicy Always). */
export interface InitContainer {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  volumeMounts?: { volumeName: string; mountPath: string }[];
  restartPolicy?: string;
  resourceRequests?: { [resource: string]: string };
  resourceLimits?: { [resource: string]: string };
}

export type SecretUse =
  | {
      kind: 'env';
      secretName: string;
      key: string;
      envVar: string;
      optional?: boolean;
      /** The secret's name taken at run time from a value (a pipeline parameter, an upstream output); `secretName` is then ignored. */
      secretNameFrom?: Argument;
    }
  | { kind: 'volume'; secretName: string; mountPath: string; optional?: boolean; secretNameFrom?: Argument };

/** An environment variable set from a field of the pod (`metadata.labels['x']`, `status.podIP`). */
export interface FieldPathEnv {
  name: string;
  fieldPath: string;
}

export interface PvcMount {
  pvcName: string;
  mountPath: string;
  /** The claim's name taken at run time (a pipeline parameter, an upstream output such as CreatePVC's); `pvcName` is then ignored. */
  pvcNameFrom?: Argument;
  subPath?: string;
}

export type ConfigMapUse =
  | { kind: 'env'; configMapName: string; key: string; envVar: string; optional?: boolean; configMapNameFrom?: Argument }
  | { kind: 'volume'; configMapName: string; mountPath: string; optional?: boolean; configMapNameFrom?: Argument };

export interface EmptyDirMount {
  volumeName: string;
  mountPath: string;
  /** `Memory` or `HugePages`; the node's disk when absent. */
  medium?: string;
  sizeLimit?: string;
}

export const IMAGE_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;

export interface TaskOptions {
  /** Default true, as in the SDK. */
  caching?: boolean;
  /** A fixed cache key (the SDK's `set_caching_options(cache_key=...)`). */
  cacheKey?: string;
  retry?: RetryPolicy;
  resources?: Resources;
  env?: EnvVar[];
  secrets?: SecretUse[];
  pvcs?: PvcMount[];
  nodeSelector?: { [label: string]: string };
  tolerations?: Toleration[];
  imagePullPolicy?: (typeof IMAGE_PULL_POLICIES)[number];
  imagePullSecrets?: string[];
  podLabels?: { [key: string]: string };
  podAnnotations?: { [key: string]: string };
  /** Run even when upstream tasks failed (the SDK's `ignore_upstream_failure`). */
  ignoreUpstreamFailure?: boolean;
  fieldPathEnv?: FieldPathEnv[];
  configMaps?: ConfigMapUse[];
  emptyDirs?: EmptyDirMount[];
  /** Kubernetes `activeDeadlineSeconds` of the task's pod. */
  activeDeadlineSeconds?: number;
  /** Node selector labels as JSON taken from a value (kfp-kubernetes `add_node_selector_json`), beside `nodeSelector`. */
  nodeSelectorFrom?: Argument;
  /** Image pull secrets named at run time by values, after the `imagePullSecrets` typed in. */
  imagePullSecretsFrom?: Argument[];
  nodeAffinity?: NodeAffinityTerm[];
  podAffinity?: PodAffinityTerm[];
  ephemeralVolumes?: EphemeralVolume[];
  /** A memory-backed volume at /dev/shm (`enable_shared_memory`); `size` empty for no limit. */
  sharedMemory?: { volumeName: string; size: string };
  securityContext?: { runAsUser?: number; runAsGroup?: number; runAsNonRoot?: boolean };
  initContainers?: InitContainer[];
}
