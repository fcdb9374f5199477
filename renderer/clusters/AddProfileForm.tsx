// The "Add profile" form: KFP by URL (with no auth, a bearer token or a session cookie), KFP through a kubeconfig
// context (the API server's service proxy), or Argo Workflows in a namespace. Wrong fields are said inline; the host's
// refusal is shown with its code beside the field it names, or above the button.
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { HostResponse } from '../../shared/host-api/host-api.calls';
import type { HostError } from '../../shared/host-api/host-result';
import { useHost } from '../host/host-context';
import { errorText } from './clusters-ui';
import { EMPTY_PROFILE_FORM, fieldOfHostError, FORM_KINDS, readProfileForm, type ProfileForm, type ProfileFormErrors, type ProfileFormKind } from './profile-form';

type KubeContext = HostResponse<'clusterContextList'>['contexts'][number];

function Field({ id, label, error, hint, children }: { id: string; label: string; error: string | undefined; hint?: string; children: ReactNode }) {
  return (
    <div className="kfs-cluster-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <p className="kfs-muted kfs-cluster-hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p className="kfs-error-text" id={`${id}-error`}>{error}</p> : null}
    </div>
  );
}

export interface AddProfileFormProps {
  existingNames: readonly string[];
  onAdded(name: string): void;
}

export function AddProfileForm({ existingNames, onAdded }: AddProfileFormProps) {
  const host = useHost();
  const uid = useId();
  const [form, setForm] = useState<ProfileForm>(EMPTY_PROFILE_FORM);
  const [shown, setShown] = useState<ProfileFormErrors>({});
  const [refusal, setRefusal] = useState<HostError | undefined>();
  const [busy, setBusy] = useState(false);
  const [contexts, setContexts] = useState<KubeContext[] | undefined>();
  const [contextsError, setContextsError] = useState<HostError | undefined>();
  const [contextsFor, setContextsFor] = useState<string | undefined>();
  const usesKubeconfig = form.kind !== 'kfp-url';
  const [secretStore, setSecretStore] = useState<HostResponse<'secretStoreStatus'> | undefined>();

  useEffect(() => {
    let live = true;
    void host.secretStoreStatus({}).then((r) => {
      if (live && r.ok) setSecretStore(r.value);
    });
    return () => {
      live = false;
    };
  }, [host]);

  useEffect(() => {
    if (!usesKubeconfig || contextsFor !== undefined) return;
    const path = form.kubeconfigPath.trim();
    setContextsFor(path);
    void host.clusterContextList(path ? { kubeconfigPath: path } : {}).then((r) => {
      if (r.ok) {
        setContexts(r.value.contexts);
        setContextsError(undefined);
        setForm((f) => {
          if (f.context && r.value.contexts.some((c) => c.name === f.context)) return f;
          const chosen = r.value.contexts.find((c) => c.current) ?? r.value.contexts[0];
          return { ...f, context: chosen?.name ?? '', namespace: f.namespace || (f.kind === 'argo' ? (chosen?.namespace ?? '') : '') };
        });
      } else {
        setContexts(undefined);
        setContextsError(r.error);
      }
    });
  }, [host, usesKubeconfig, contextsFor, form.kubeconfigPath]);

  const set = <K extends keyof ProfileForm>(key: K, value: ProfileForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setShown((s) => ({ ...s, [key]: undefined }));
    setRefusal(undefined);
  };
  const ids = (key: keyof ProfileForm) => `${uid}-${key}`;
  const invalid = (key: keyof ProfileForm) => (shown[key] ? { 'aria-invalid': true as const, 'aria-describedby': `${ids(key)}-error` } : {});
  const chosenContext = contexts?.find((c) => c.name === form.context);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const { profile, errors } = readProfileForm(form, existingNames);
    setShown(errors);
    if (!profile) return;
    setBusy(true);
    const result = await host.clusterProfileAdd({ profile });
    setBusy(false);
    if (!result.ok) {
      const field = fieldOfHostError(result.error.location?.field, form.kind);
      if (field && field !== 'secret' && result.error.code === 'KFS910') setShown({ [field]: `${result.error.code} ${result.error.message}` });
      else setRefusal(result.error);
      return;
    }
    setForm({ ...EMPTY_PROFILE_FORM, kind: form.kind, kubeconfigPath: form.kubeconfigPath, context: form.context });
    setShown({});
    onAdded(result.value.profile.name);
  };

  return (
    <form className="kfs-cluster-add" aria-label="New profile" noValidate onSubmit={(e) => void submit(e)}>
      <h3>New profile</h3>
      <div className="kfs-cluster-grid">
        <Field id={ids('name')} label="Profile name" error={shown.name}>
          <input id={ids('name')} value={form.name} onChange={(e) => set('name', e.target.value)} {...invalid('name')} />
        </Field>
        <Field id={ids('kind')} label="Kind" error={undefined}>
          <select id={ids('kind')} value={form.kind} onChange={(e) => set('kind', e.target.value as ProfileFormKind)}>
            {FORM_KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
          </select>
        </Field>
      </div>
      {form.kind === 'kfp-url' ? (
        <>
          <Field id={ids('url')} label="KFP API URL" error={shown.url} hint="The root of the KFP API, such as https://kubeflow.example.com/pipeline.">
            <input id={ids('url')} type="url" value={form.url} placeholder="https://kubeflow.example.com/pipeline" onChange={(e) => set('url', e.target.value)} {...invalid('url')} />
          </Field>
          <div className="kfs-cluster-grid">
            <Field id={ids('auth')} label="Authentication" error={undefined}>
              <select id={ids('auth')} value={form.auth} onChange={(e) => set('auth', e.target.value as ProfileForm['auth'])}>
                <option value="none">None</option>
                <option value="bearer">Bearer token</option>
                <option value="cookie">Session cookie</option>
              </select>
            </Field>
            {form.auth !== 'none' ? (
              <Field id={ids('secret')} label={form.auth === 'bearer' ? 'Token' : 'Session cookie'} error={shown.secret} hint="Kept in the secret store, never in the profile.">
                <input id={ids('secret')} type="password" autoComplete="off" value={form.secret} placeholder={form.auth === 'cookie' ? 'authservice_session=…' : ''} onChange={(e) => set('secret', e.target.value)} {...invalid('secret')} />
              </Field>
            ) : null}
          </div>
          {form.auth !== 'none' && secretStore && (!secretStore.available || secretStore.warning) ? (
            <p className="kfs-cluster-note" role="note">
              {secretStore.available
                ? secretStore.warning
                : 'Tokens and cookies cannot be kept here (no system keychain, and web mode was started without KFP_STUDIO_SECRET_KEY), so the host will refuse this. Use no authentication, KFP through a kubeconfig, or the desktop app.'}
            </p>
          ) : null}
        </>
      ) : (
        <>
          <Field id={ids('kubeconfigPath')} label="Kubeconfig file (optional)" error={shown.kubeconfigPath} hint="Default: KUBECONFIG, then ~/.kube/config.">
            <div className="kfs-inline-form">
              <input id={ids('kubeconfigPath')} value={form.kubeconfigPath} onChange={(e) => set('kubeconfigPath', e.target.value)} />
              <button type="button" onClick={() => setContextsFor(undefined)}>Load contexts</button>
            </div>
          </Field>
          <Field id={ids('context')} label="Context" error={shown.context ?? (contextsError ? errorText(contextsError) : undefined)}>
            <select id={ids('context')} value={form.context} onChange={(e) => set('context', e.target.value)} {...invalid('context')}>
              {!contexts?.length ? <option value="">{contexts ? 'No contexts in this kubeconfig' : 'Loading contexts…'}</option> : null}
              {contexts?.map((c) => <option key={c.name} value={c.name}>{c.name}{c.current ? ' (current)' : ''}</option>)}
            </select>
          </Field>
          {chosenContext ? (
            <p className="kfs-muted kfs-cluster-server">
              Server {chosenContext.server ?? '(none given)'} · user {chosenContext.user}
              {chosenContext.execCommand ? ` · signs in with ${chosenContext.execCommand}` : ''}
            </p>
          ) : null}
          {form.kind === 'kfp-kubeconfig' ? (
            <Field id={ids('serviceNamespace')} label="Service namespace (optional)" error={shown.serviceNamespace} hint="Where the ml-pipeline service runs; default kubeflow.">
              <input id={ids('serviceNamespace')} value={form.serviceNamespace} placeholder="kubeflow" onChange={(e) => set('serviceNamespace', e.target.value)} {...invalid('serviceNamespace')} />
            </Field>
          ) : null}
        </>
      )}
      {form.kind === 'argo' ? (
        <div className="kfs-cluster-grid">
          <Field id={ids('namespace')} label="Namespace" error={shown.namespace}>
            <input id={ids('namespace')} value={form.namespace} onChange={(e) => set('namespace', e.target.value)} {...invalid('namespace')} />
          </Field>
          <Field id={ids('serviceAccount')} label="Service account (optional)" error={shown.serviceAccount}>
            <input id={ids('serviceAccount')} value={form.serviceAccount} onChange={(e) => set('serviceAccount', e.target.value)} {...invalid('serviceAccount')} />
          </Field>
        </div>
      ) : (
        <Field id={ids('namespace')} label="User namespace (multi-user KFP, optional)" error={shown.namespace} hint="Your Kubeflow profile's namespace; leave empty for a single-user install.">
          <input id={ids('namespace')} value={form.namespace} onChange={(e) => set('namespace', e.target.value)} {...invalid('namespace')} />
        </Field>
      )}
      {refusal ? <p className="kfs-error-text" role="alert">{errorText(refusal)}</p> : null}
      <div className="kfs-dialog-actions">
        <button type="submit" className="kfs-primary" disabled={busy}>{busy ? 'Adding…' : 'Add profile'}</button>
      </div>
    </form>
  );
}
