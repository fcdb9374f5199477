// The "Add profile" form as data: what a person typed, and either the profile to send to the host or what is wrong
// with each field (shown inline). The host checks again; this only catches what can be said before asking it.
import type { HostRequest } from '../../shared/host-api/host-api.calls';
import type { KfpAuth } from '../../shared/host-api/cluster.calls';

export type ProfileFormKind = 'kfp-url' | 'kfp-kubeconfig' | 'argo';

export const FORM_KINDS: { value: ProfileFormKind; label: string }[] = [
  { value: 'kfp-url', label: 'KFP by URL' },
  { value: 'kfp-kubeconfig', label: 'KFP through kubeconfig' },
  { value: 'argo', label: 'Argo Workflows' },
];

export interface ProfileForm {
  name: string;
  kind: ProfileFormKind;
  url: string;
  auth: KfpAuth;
  /** The bearer token or `NAME=VALUE` session cookie. */
  secret: string;
  /** KFP: the user namespace of a multi-user install; Argo: where workflows go. */
  namespace: string;
  kubeconfigPath: string;
  context: string;
  serviceNamespace: string;
  serviceAccount: string;
}

export const EMPTY_PROFILE_FORM: ProfileForm = {
  name: '',
  kind: 'kfp-url',
  url: '',
  auth: 'none',
  secret: '',
  namespace: '',
  kubeconfigPath: '',
  context: '',
  serviceNamespace: '',
  serviceAccount: '',
};

export type ProfileFormErrors = Partial<Record<keyof ProfileForm, string>>;
export type NewProfile = HostRequest<'clusterProfileAdd'>['profile'];

const K8S_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function k8sName(value: string, what: string): string | undefined {
  if (value.length > 63 || !K8S_NAME.test(value)) return `${what} is a Kubernetes name: lower-case letters, digits and "-", at most 63 characters.`;
  return undefined;
}

export function readProfileForm(form: ProfileForm, existingNames: readonly string[]): { profile?: NewProfile; errors: ProfileFormErrors } {
  const errors: ProfileFormErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = 'Give the profile a name.';
  else if (name.length > 100) errors.name = 'At most 100 characters.';
  else if (existingNames.includes(name)) errors.name = `A profile named "${name}" exists already.`;
  const namespace = form.namespace.trim();
  const kubeconfigPath = form.kubeconfigPath.trim();
  const context = form.context.trim();
  const optional = <K extends string>(key: K, value: string) => (value ? ({ [key]: value } as Record<K, string>) : {});
  /** An optional Kubernetes name: checked only when given. */
  const checkName = (key: keyof ProfileForm, value: string, what: string) => {
    const problem = value ? k8sName(value, what) : undefined;
    if (problem) errors[key] = problem;
  };
  const result = (profile: NewProfile) => (Object.keys(errors).length ? { errors } : { errors, profile });
  if (form.kind !== 'kfp-url' && !context) errors.context = 'Choose a kubeconfig context.';
  checkName('namespace', namespace, 'The namespace');

  if (form.kind === 'kfp-url') {
    const url = form.url.trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!url) errors.url = 'Give the KFP API URL, such as https://kubeflow.example.com/pipeline.';
    else if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) errors.url = 'Give an http:// or https:// URL.';
    else if (parsed.username || parsed.password) errors.url = 'Leave credentials out of the URL: use the token or cookie field.';
    const secret = form.secret.trim();
    if (form.auth === 'bearer' && !secret) errors.secret = 'Give the bearer token.';
    if (form.auth === 'cookie' && !/^[^=;\s]+=[^;]*$/.test(secret)) errors.secret = 'Give the session cookie as NAME=VALUE (for Kubeflow usually authservice_session=...).';
    return result({
      kind: 'kfp',
      name,
      connection: { mode: 'url', url: url.replace(/\/+$/, ''), auth: form.auth },
      ...optional('namespace', namespace),
      ...(form.auth !== 'none' ? { secret } : {}),
    });
  }

  if (form.kind === 'kfp-kubeconfig') {
    const serviceNamespace = form.serviceNamespace.trim();
    checkName('serviceNamespace', serviceNamespace, 'The service namespace');
    return result({
      kind: 'kfp',
      name,
      connection: { mode: 'kubeconfig', context, ...optional('kubeconfigPath', kubeconfigPath), ...optional('serviceNamespace', serviceNamespace) },
      ...optional('namespace', namespace),
    });
  }

  if (!namespace) errors.namespace = 'Give the namespace the workflows run in.';
  const serviceAccount = form.serviceAccount.trim();
  checkName('serviceAccount', serviceAccount, 'The service account');
  return result({ kind: 'argo', name, context, namespace, ...optional('kubeconfigPath', kubeconfigPath), ...optional('serviceAccount', serviceAccount) });
}

/** The field a host error's location points at, so its message shows beside that field. */
export function fieldOfHostError(field: string | undefined, kind: ProfileFormKind): keyof ProfileForm | undefined {
  if (!field) return undefined;
  const last = field.split('.').pop() ?? field;
  if (last === 'url' || last === 'auth' || last === 'secret' || last === 'name' || last === 'context' || last === 'kubeconfigPath' || last === 'serviceNamespace' || last === 'serviceAccount') return last;
  if (last === 'namespace') return 'namespace';
  return kind === 'kfp-url' && field.startsWith('connection') ? 'url' : undefined;
}
