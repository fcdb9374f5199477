// The KFP runtime's request and option shapes, and the refusal of an upload whose name is taken.
import type { KubeConfig } from '@kubernetes/client-node';
import type { JsonValue } from '../../../../shared/model/document';
import type { SubmitRequest } from '../../../../shared/runtime/runtime';
import { ClusterError } from '../../clusters/cluster-http';
import type { Endpoint, RetryPolicy } from '../../clusters/cluster-http';
import type { LookupPolicy } from '../../clusters/create-once';

export interface KfpRuntimeOptions {
  endpoint: Endpoint;
  /** The user namespace of a multi-user KFP. */
  namespace?: string;
  retry?: RetryPolicy;
  /** Pause between reads while watching (default 2000 ms), and the longest pause after failures (30 s). */
  pollMs?: number;
  maxBackoffMs?: number;
  /** Pod logs through the Kubernetes API when KFP's log endpoint fails: the kubeconfig and where KFP's pods run. */
  kube?: { kc: KubeConfig; namespace: string };
  onWatchProblem?: (runId: string, error: unknown | undefined) => void;
  /** Each call's deadline (default 30 s; uploads 120 s). */
  timeoutMs?: number;
  /** How long a lost create answer is followed by looking for what it made. */
  lookup?: LookupPolicy;
}

export interface PipelineRef {
  pipelineId: string;
  versionId: string;
  /** True when the answer was lost and the object was found by looking it up. */
  recovered?: boolean;
}

/** KFS909 on upload: a pipeline of that name exists; `uploadVersion(error.pipelineId, ...)` adds a version instead. */
export class PipelineExistsError extends ClusterError {
  readonly pipelineId: string;
  readonly pipelineName: string;

  constructor(pipelineName: string, pipelineId: string, said?: string) {
    super('KFS909', `A pipeline named "${pipelineName}" exists already on the cluster: upload this as a new version of it (--version-of "${pipelineName}" on the command line), or choose another name.`, { field: 'name' }, 409, said);
    this.pipelineId = pipelineId;
    this.pipelineName = pipelineName;
  }
}

export interface RunRequest {
  /** Run an uploaded version, or (without it) the inline `pipeline`. */
  version?: { pipelineId: string; versionId?: string };
  pipeline?: SubmitRequest['pipeline'];
  parameters?: { [name: string]: JsonValue };
  experimentId?: string;
  displayName?: string;
  description?: string;
  serviceAccount?: string;
  enableCaching?: boolean;
}

export type { RunPageQuery } from '../../../../shared/runtime/runtime';
