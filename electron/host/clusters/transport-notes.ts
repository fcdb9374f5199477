// What a person should know about how a profile reaches its cluster, shown in the profile list and the connection
// test: certificate checks turned off (insecure-skip-tls-verify), a token or cookie sent over plain http to a host
// that is not this computer, and an exec plugin the kubeconfig runs to get credentials (with its arguments). Also the
// refusal of credentials written into a profile URL (`http://user:pass@host`): they would be stored in clear.
import { isIP } from 'node:net';
import { KfsError } from '../../../shared/errors/codes';
import type { TransportNote } from '../../../shared/host-api/cluster.calls';
import { readConfig } from './kubeconfig.load';
import type { ClusterProfile } from './profile.types';

/** KFS923 for a URL with a user name or password in it; the message never repeats them. */
export function refuseUrlCredentials(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return; // the schema reports a URL that does not parse
  }
  if (parsed.username || parsed.password) {
    parsed.username = '';
    parsed.password = '';
    throw new KfsError(
      'KFS923',
      `The profile URL has a user name or password in it (${parsed.toString().replace(/\/$/, '')} with "user:password@" before the host): it would be kept in clear in the profiles file and sent to every proxy. Remove it from the URL and give a bearer token or a session cookie as the profile's secret instead.`,
      { field: 'url' },
    );
  }
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

function overHttp(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname) ? parsed.host : undefined;
  } catch {
    return undefined;
  }
}

function kubeconfigNotes(context: string, kubeconfigPath: string | undefined): TransportNote[] {
  const kc = readConfig(kubeconfigPath);
  const found = kc.getContextObject(context);
  if (!found) return [];
  const cluster = kc.getCluster(found.cluster);
  const user = kc.getUser(found.user);
  const notes: TransportNote[] = [];
  if (cluster?.skipTLSVerify) {
    notes.push({ kind: 'insecure-tls', message: `insecure-skip-tls-verify: the API server's certificate is not checked (context "${context}"): anyone on the network path can read and change the traffic, credentials included.` });
  }
  const host = cluster ? overHttp(cluster.server) : undefined;
  if (host && (user?.token || user?.exec || user?.authProvider || user?.password)) {
    notes.push({ kind: 'token-over-http', message: `Credentials go to ${host} over plain http (context "${context}"): they can be read on the network. Use https.` });
  }
  if (user?.exec?.command) {
    const args = (user.exec.args ?? []).map(String);
    notes.push({ kind: 'exec-plugin', message: `Credentials come from running ${[String(user.exec.command), ...args].join(' ')} (context "${context}").`, command: String(user.exec.command), args });
  }
  return notes;
}

/** The notes of a profile; a kubeconfig that cannot be read gives none (its use reports it). */
export function transportNotes(profile: ClusterProfile): TransportNote[] {
  try {
    if (profile.kind === 'argo') return kubeconfigNotes(profile.context, profile.kubeconfigPath);
    const connection = profile.connection;
    if (connection.mode === 'kubeconfig') return kubeconfigNotes(connection.context, connection.kubeconfigPath);
    const host = overHttp(connection.url);
    if (host && connection.auth !== 'none') {
      return [{ kind: 'token-over-http', message: `The ${connection.auth === 'cookie' ? 'session cookie' : 'token'} goes to ${host} over plain http: it can be read on the network. Use https.` }];
    }
    return [];
  } catch (error) {
    if (error instanceof KfsError) return [];
    throw error;
  }
}
