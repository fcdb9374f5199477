// Kubeconfig contexts through @kubernetes/client-node: listed from a file, KUBECONFIG or ~/.kube/config, loaded with
// one context current, and turned into request options (TLS material and the Authorization header, exec auth
// plugins included). A plugin that is not installed becomes KFS907 naming the binary and how to get it.
import { existsSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import { homedir } from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KfsError } from '../../../shared/errors/codes';

export interface KubeContextInfo {
  name: string;
  cluster: string;
  server?: string;
  user: string;
  namespace?: string;
  current: boolean;
  /** The exec auth plugin the user runs (`gke-gcloud-auth-plugin`), when it uses one. */
  execCommand?: string;
}

/** The files a default load reads: each of KUBECONFIG (path-list), else ~/.kube/config. */
export function defaultKubeconfigFiles(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string[] {
  const list = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
  return list.length ? list : [path.join(home, '.kube', 'config')];
}

export function readConfig(kubeconfigPath?: string): KubeConfig {
  const kc = new KubeConfig();
  const files = kubeconfigPath ? [kubeconfigPath] : defaultKubeconfigFiles();
  const present = files.filter((file) => existsSync(file));
  if (!present.length) {
    throw new KfsError('KFS906', `No kubeconfig found (looked for ${files.join(', ')}). Set KUBECONFIG or give the kubeconfig file.`, { file: files[0] ?? '' });
  }
  try {
    if (kubeconfigPath || present.length === 1) kc.loadFromFile(present[0] ?? '');
    else kc.loadFromDefault();
  } catch (error) {
    throw new KfsError('KFS906', `The kubeconfig could not be read: ${(error as Error).message}`, { file: present[0] ?? '' });
  }
  return kc;
}

export function listKubeContexts(kubeconfigPath?: string): KubeContextInfo[] {
  const kc = readConfig(kubeconfigPath);
  const current = kc.getCurrentContext();
  return kc.getContexts().map((context) => {
    const cluster = kc.getCluster(context.cluster);
    const user = kc.getUser(context.user);
    return {
      name: context.name,
      cluster: context.cluster,
      ...(cluster?.server ? { server: cluster.server } : {}),
      user: context.user,
      ...(context.namespace ? { namespace: context.namespace } : {}),
      current: context.name === current,
      ...(user?.exec?.command ? { execCommand: String(user.exec.command) } : {}),
    };
  });
}

/**
 * The kubeconfig with `context` current. A cluster served over plain http gets skipTLSVerify, since client-node
 * refuses http otherwise and there is no TLS to verify (kubectl accepts such servers too).
 */
export function loadKubeConfig(context: string, kubeconfigPath?: string): KubeConfig {
  const kc = readConfig(kubeconfigPath);
  const found = kc.getContextObject(context);
  if (!found) {
    const names = kc.getContexts().map((item) => item.name);
    throw new KfsError('KFS906', `The kubeconfig has no context "${context}"${names.length ? ` (it has ${names.join(', ')})` : ''}.`, { field: 'context' });
  }
  const clusters = kc.clusters.map((cluster) => (cluster.server.startsWith('http:') ? { ...cluster, skipTLSVerify: true } : cluster));
  const fixed = new KubeConfig();
  fixed.loadFromOptions({ clusters, users: kc.users, contexts: kc.contexts, currentContext: context });
  if (!fixed.getCurrentCluster()) throw new KfsError('KFS906', `The context "${context}" names a cluster the kubeconfig does not define.`, { field: 'context' });
  return fixed;
}

const PLUGIN_HINTS: Record<string, string> = {
  'gke-gcloud-auth-plugin': 'install it with "gcloud components install gke-gcloud-auth-plugin" (or your package manager)',
  aws: 'install the AWS CLI v2',
  'aws-iam-authenticator': 'install aws-iam-authenticator',
  kubelogin: 'install kubelogin (Azure: "az aks install-cli")',
  'kubectl-oidc_login': 'install the kubelogin plugin (kubectl krew install oidc-login)',
};

/** Turns an exec plugin failure into KFS907 (not found) or KFS902 (it ran and refused). */
export function authPluginError(kc: KubeConfig, error: unknown): KfsError | undefined {
  const command = kc.getCurrentUser()?.exec?.command;
  if (!command) return undefined;
  const code = (error as NodeJS.ErrnoException).code;
  const name = path.basename(String(command));
  if (code === 'ENOENT') {
    const hint = PLUGIN_HINTS[name] ?? `install it or put it on the PATH`;
    return new KfsError('KFS907', `The kubeconfig's auth plugin "${name}" is not on the PATH: ${hint}, then test again. (PATH searched: ${process.env.PATH ?? ''})`, { field: 'context' });
  }
  return new KfsError('KFS902', `The kubeconfig's auth plugin "${name}" failed: ${String((error as Error).message ?? error).trim().slice(0, 500)}. Sign in again with your cloud tool.`, { field: 'context' });
}

/** Node request options for the current context: agent (TLS), headers with the credentials, exec plugins run. */
export async function kubeRequestOptions(kc: KubeConfig): Promise<RequestOptions> {
  const options: RequestOptions = { headers: {} };
  try {
    await kc.applyToHTTPSOptions(options);
  } catch (error) {
    throw authPluginError(kc, error) ?? new KfsError('KFS906', `The kubeconfig's credentials could not be used: ${(error as Error).message}`, { field: 'context' });
  }
  return options;
}

export function serverOf(kc: KubeConfig): string {
  return (kc.getCurrentCluster()?.server ?? '').replace(/\/+$/, '');
}
