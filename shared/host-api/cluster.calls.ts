// HostApi calls for cluster profiles: list, add (the token or cookie goes straight to the secret store), test,
// remove, set a new token, and list kubeconfig contexts. The profile shapes live here so that the UI and the host
// share them. Spread CLUSTER_CALLS into HOST_CALLS and clusterHandlers (electron/host/clusters) into the host services.
import { z } from 'zod';

export type KfpAuth = 'none' | 'bearer' | 'cookie';

export const kfpUrlConnectionSchema = z.strictObject({
  mode: z.literal('url'),
  /** The KFP API root: `https://kubeflow.example.com/pipeline` (requests go to `${url}/apis/v2beta1/...`). */
  url: z.string().url(),
  auth: z.enum(['none', 'bearer', 'cookie']),
});

export const kfpKubeconfigConnectionSchema = z.strictObject({
  mode: z.literal('kubeconfig'),
  /** A context of the kubeconfig; its cluster and user credentials reach the API server. */
  context: z.string().min(1),
  /** A kubeconfig file; default: KUBECONFIG, then ~/.kube/config. */
  kubeconfigPath: z.string().min(1).optional(),
  /** Where the ml-pipeline service lives (default `kubeflow`). */
  serviceNamespace: z.string().min(1).optional(),
  /** `name:port` of the KFP API service (default `ml-pipeline:8888`). */
  service: z.string().min(1).optional(),
});

const common = {
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  createdAt: z.string(),
};

export const kfpProfileSchema = z.strictObject({
  ...common,
  kind: z.literal('kfp'),
  connection: z.discriminatedUnion('mode', [kfpUrlConnectionSchema, kfpKubeconfigConnectionSchema]),
  /** The user namespace of a multi-user KFP (Kubeflow profile); absent in single-user mode. */
  namespace: z.string().min(1).optional(),
});

export const argoProfileSchema = z.strictObject({
  ...common,
  kind: z.literal('argo'),
  context: z.string().min(1),
  kubeconfigPath: z.string().min(1).optional(),
  namespace: z.string().min(1),
  serviceAccount: z.string().min(1).optional(),
});

export const clusterProfileSchema = z.discriminatedUnion('kind', [kfpProfileSchema, argoProfileSchema]);

export type KfpProfile = z.infer<typeof kfpProfileSchema>;
export type ArgoProfile = z.infer<typeof argoProfileSchema>;
export type ClusterProfile = z.infer<typeof clusterProfileSchema>;
export type KfpConnection = KfpProfile['connection'];

/** Something a person should know about how a profile reaches its cluster (shown with the profile and its test). */
export interface TransportNote {
  kind: 'insecure-tls' | 'token-over-http' | 'exec-plugin';
  message: string;
  /** For `exec-plugin`: the command the kubeconfig runs, and its arguments. */
  command?: string;
  args?: string[];
}

export const transportNoteSchema = z.object({
  kind: z.enum(['insecure-tls', 'token-over-http', 'exec-plugin']),
  message: z.string(),
  command: z.string().optional(),
  args: z.array(z.string()).optional(),
});

/** What `profile test` found. */
export interface ConnectionReport {
  ok: true;
  profile: string;
  kind: 'kfp' | 'argo';
  /** The KFP server tag (`2.5.0`) or the Kubernetes gitVersion. */
  version: string;
  multiUser?: boolean;
  namespace?: string;
  /** Where requests went (no credentials in it). */
  endpoint: string;
  transport: TransportNote[];
}

const profileName = z.string().min(1).max(100);
const secret = z.string().min(1).max(64 * 1024);

export const newClusterProfileSchema = z.union([
  kfpProfileSchema.omit({ id: true, createdAt: true }).extend({ secret: secret.optional() }),
  argoProfileSchema.omit({ id: true, createdAt: true }),
]);

export const connectionReportSchema = z.object({
  ok: z.literal(true),
  profile: z.string(),
  kind: z.enum(['kfp', 'argo']),
  version: z.string(),
  multiUser: z.boolean().optional(),
  namespace: z.string().optional(),
  endpoint: z.string(),
  transport: z.array(transportNoteSchema),
});

export const kubeContextSchema = z.object({
  name: z.string(),
  cluster: z.string(),
  server: z.string().optional(),
  user: z.string(),
  namespace: z.string().optional(),
  current: z.boolean(),
  execCommand: z.string().optional(),
});

export const CLUSTER_CALLS = {
  clusterProfileList: {
    request: z.strictObject({}),
    response: z.object({ profiles: z.array(z.object({ profile: clusterProfileSchema, hasSecret: z.boolean(), transport: z.array(transportNoteSchema) })) }),
  },
  clusterProfileAdd: { request: z.strictObject({ profile: newClusterProfileSchema }), response: z.object({ profile: clusterProfileSchema }) },
  clusterProfileRemove: { request: z.strictObject({ profile: profileName }), response: z.object({ removed: z.string() }) },
  /** A new token or cookie for a profile (the old one expired). */
  clusterProfileSetSecret: { request: z.strictObject({ profile: profileName, secret }), response: z.object({}) },
  clusterProfileTest: { request: z.strictObject({ profile: profileName }), response: connectionReportSchema },
  clusterContextList: {
    request: z.strictObject({ kubeconfigPath: z.string().min(1).max(4096).optional() }),
    response: z.object({ contexts: z.array(kubeContextSchema) }),
  },
} as const;
