import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ClusterProfile } from '../../shared/host-api/cluster.calls';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import { fail, ok } from '../../shared/host-api/host-result';
import { HostContext } from '../host/host-context';
import { createTestHost } from '../test-host';
import { memoryClusterCalls, recordingHost } from './cluster-calls.test-host';
import { ClustersDialog } from './ClustersDialog';
import { createClustersUi } from './clusters-ui';

const KFP: ClusterProfile = { id: 'prod-1', name: 'prod', createdAt: '', kind: 'kfp', connection: { mode: 'url', url: 'https://kf.example.com/pipeline', auth: 'bearer' }, namespace: 'team-a' };

function renderDialog(overrides: Partial<HostApi> = {}, profiles: ClusterProfile[] = [], refuseSecrets?: string) {
  const memory = memoryClusterCalls(profiles, refuseSecrets ? { refuseSecrets } : {});
  const recorded = recordingHost({ ...createTestHost(), ...memory, ...overrides });
  const clusters = createClustersUi();
  clusters.getState().openDialog();
  render(
    <HostContext.Provider value={recorded.host}>
      <ClustersDialog clusters={clusters} />
    </HostContext.Provider>,
  );
  return { ...recorded, memory, clusters, user: userEvent.setup(), dialog: screen.getByRole('dialog', { name: 'Clusters' }) };
}

const profileItem = (name: string) => screen.getByRole('listitem', { name });

describe('the Clusters dialog', () => {
  it('adds a KFP profile by URL: wrong fields are said inline, the token is a password field, the profile is listed', async () => {
    const { user, dialog, of, memory } = renderDialog();
    await within(dialog).findByText('No profiles yet: add one below.');
    const form = within(dialog).getByRole('form', { name: 'New profile' });
    await user.click(within(form).getByRole('button', { name: 'Add profile' }));
    expect(within(form).getByText('Give the profile a name.')).toBeTruthy();
    expect(within(form).getByText(/^Give the KFP API URL/)).toBeTruthy();
    expect(of('clusterProfileAdd')).toHaveLength(0);
    await user.type(within(form).getByLabelText('Profile name'), 'staging');
    await user.type(within(form).getByLabelText('KFP API URL'), 'kf.example.com');
    await user.selectOptions(within(form).getByLabelText('Authentication'), 'bearer');
    const token = within(form).getByLabelText('Token') as HTMLInputElement;
    expect(token.type).toBe('password');
    await user.click(within(form).getByRole('button', { name: 'Add profile' }));
    expect(within(form).getByText('Give an http:// or https:// URL.')).toBeTruthy();
    expect(within(form).getByLabelText('KFP API URL').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('Give the bearer token.')).toBeTruthy();
    await user.clear(within(form).getByLabelText('KFP API URL'));
    await user.type(within(form).getByLabelText('KFP API URL'), 'https://kf.example.com/pipeline/');
    await user.type(token, 's3cret');
    await user.type(within(form).getByLabelText(/^User namespace/), 'team-b');
    await user.click(within(form).getByRole('button', { name: 'Add profile' }));
    expect(of('clusterProfileAdd')).toEqual([
      { profile: { kind: 'kfp', name: 'staging', connection: { mode: 'url', url: 'https://kf.example.com/pipeline', auth: 'bearer' }, namespace: 'team-b', secret: 's3cret' } },
    ]);
    const item = await screen.findByRole('listitem', { name: 'staging' });
    expect(within(item).getByText('KFP')).toBeTruthy();
    expect(within(item).getByText('https://kf.example.com/pipeline · bearer token · user namespace team-b')).toBeTruthy();
    expect(within(item).getByText('Token stored')).toBeTruthy();
    expect(memory.secrets.get('staging-id')).toBe('s3cret');
    // The form is empty again, ready for another profile.
    expect((within(form).getByLabelText('Profile name') as HTMLInputElement).value).toBe('');
  });

  it('shows the secret store refusing (web mode) with its code and what to do instead', async () => {
    const refusal = 'Cluster tokens can be stored only by the desktop app, in the system keychain.';
    const { user, dialog } = renderDialog({}, [], refusal);
    const form = within(dialog).getByRole('form', { name: 'New profile' });
    await user.type(within(form).getByLabelText('Profile name'), 'prod');
    await user.type(within(form).getByLabelText('KFP API URL'), 'https://kf.example.com/pipeline');
    expect(within(form).queryByRole('note')).toBeNull();
    await user.selectOptions(within(form).getByLabelText('Authentication'), 'cookie');
    // The test host, like web mode, has no keychain: said before the host is asked.
    expect(within(form).getByRole('note').textContent).toMatch(/^Tokens and cookies cannot be kept here/);
    await user.type(within(form).getByLabelText('Session cookie'), 'just-a-value');
    await user.click(within(form).getByRole('button', { name: 'Add profile' }));
    expect(within(form).getByText(/^Give the session cookie as NAME=VALUE/)).toBeTruthy();
    await user.clear(within(form).getByLabelText('Session cookie'));
    await user.type(within(form).getByLabelText('Session cookie'), 'authservice_session=abc');
    await user.click(within(form).getByRole('button', { name: 'Add profile' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe(`KFS703 ${refusal}`);
    expect(screen.queryByRole('listitem')).toBeNull();
  });

  it('tests a connection: what answered, or the host error with its code as is', async () => {
    let answer: Awaited<ReturnType<HostApi['clusterProfileTest']>> = ok({ ok: true, profile: 'prod', kind: 'kfp', version: '2.5.0', multiUser: true, namespace: 'team-a', endpoint: 'https://kf.example.com/pipeline', transport: [] });
    const { user, of } = renderDialog({ clusterProfileTest: async () => answer }, [KFP]);
    const item = await screen.findByRole('listitem', { name: 'prod' });
    expect(within(item).getByText('No token stored')).toBeTruthy();
    await user.click(within(item).getByRole('button', { name: 'Test connection' }));
    expect((await within(item).findByRole('status')).textContent).toBe('Connected: KFP 2.5.0 · multi-user · namespace team-a · endpoint https://kf.example.com/pipeline');
    answer = fail('KFS902', 'The cluster refused the credentials (HTTP 401): the token has expired or is wrong; set a new one.');
    await user.click(within(item).getByRole('button', { name: 'Test connection' }));
    expect((await within(item).findByRole('alert')).textContent).toBe('KFS902 The cluster refused the credentials (HTTP 401): the token has expired or is wrong; set a new one.');
    expect(within(item).queryByRole('status')).toBeNull();
    answer = fail('KFS904', 'A login page answered instead of the KFP API: the session cookie has expired.');
    await user.click(within(item).getByRole('button', { name: 'Test connection' }));
    expect((await within(item).findByText(/^KFS904 /)).textContent).toBe('KFS904 A login page answered instead of the KFP API: the session cookie has expired.');
    expect(of('clusterProfileTest')).toEqual([{ profile: 'prod' }, { profile: 'prod' }, { profile: 'prod' }]);
  });

  it('sets a new token, and removes a profile only once confirmed', async () => {
    const { user, memory, of } = renderDialog({}, [KFP, { id: 'wf-1', name: 'wf', createdAt: '', kind: 'argo', context: 'dev', namespace: 'pipelines' }]);
    const item = await screen.findByRole('listitem', { name: 'prod' });
    await user.click(within(item).getByRole('button', { name: 'Set token' }));
    await user.type(within(item).getByLabelText('New token for prod'), 'fresh');
    await user.click(within(item).getByRole('button', { name: 'Save token' }));
    expect(memory.secrets.get('prod-1')).toBe('fresh');
    await within(profileItem('prod')).findByText('Token stored');
    const argo = profileItem('wf');
    expect(within(argo).getByText('context dev · namespace pipelines')).toBeTruthy();
    expect(within(argo).queryByRole('button', { name: 'Set token' })).toBeNull();
    await user.click(within(argo).getByRole('button', { name: 'Remove' }));
    expect(of('clusterProfileRemove')).toHaveLength(0);
    await user.click(within(argo).getByRole('button', { name: 'Keep' }));
    await user.click(within(argo).getByRole('button', { name: 'Remove' }));
    await user.click(within(argo).getByRole('button', { name: 'Remove wf' }));
    expect(of('clusterProfileRemove')).toEqual([{ profile: 'wf' }]);
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'wf' })).toBeNull());
    expect(screen.getByRole('listitem', { name: 'prod' })).toBeTruthy();
  });

  it('adds KFP through a kubeconfig context (its server shown) and Argo in a namespace', async () => {
    const contexts = [
      { name: 'kind-a', cluster: 'a', server: 'https://127.0.0.1:6443', user: 'a', current: false },
      { name: 'emu', cluster: 'emu', server: 'http://127.0.0.1:4000', user: 'emu', namespace: 'kubeflow', current: true },
    ];
    const { user, dialog, of } = renderDialog({ clusterContextList: async () => ok({ contexts }) });
    const form = within(dialog).getByRole('form', { name: 'New profile' });
    await user.selectOptions(within(form).getByLabelText('Kind'), 'kfp-kubeconfig');
    const context = within(form).getByLabelText('Context') as HTMLSelectElement;
    await within(form).findByRole('option', { name: 'emu (current)' });
    expect(context.value).toBe('emu');
    expect(within(form).getByText(/^Server http:\/\/127\.0\.0\.1:4000 · user emu/)).toBeTruthy();
    await user.selectOptions(context, 'kind-a');
    expect(within(form).getByText(/^Server https:\/\/127\.0\.0\.1:6443/)).toBeTruthy();
    await user.type(within(form).getByLabelText('Profile name'), 'via-k8s');
    await user.type(within(form).getByLabelText(/^Service namespace/), 'Kube Flow');
    await user.click(within(form).getByRole('button', { name: 'Add profile' }));
    expect(within(form).getByText(/^The service namespace is a Kubernetes name/)).toBeTruthy();
    await user.clear(within(form).getByLabelText(/^Service namespace/));
    await user.click(within(form).getByRole('button', { name: 'Add profile' }));
    await screen.findByRole('listitem', { name: 'via-k8s' });
    expect(of('clusterProfileAdd')[0]).toEqual({ profile: { kind: 'kfp', name: 'via-k8s', connection: { mode: 'kubeconfig', context: 'kind-a' } } });

    await user.selectOptions(within(form).getByLabelText('Kind'), 'argo');
    await user.type(within(form).getByLabelText('Profile name'), 'wf');
    await user.selectOptions(within(form).getByLabelText('Context'), 'emu');
    await user.type(within(form).getByLabelText('Service account (optional)'), 'runner');
    await user.click(within(form).getByRole('button', { name: 'Add profile' }));
    expect(within(form).getByText('Give the namespace the workflows run in.')).toBeTruthy();
    await user.type(within(form).getByLabelText('Namespace'), 'pipelines');
    await user.click(within(form).getByRole('button', { name: 'Add profile' }));
    await screen.findByRole('listitem', { name: 'wf' });
    expect(of('clusterProfileAdd')[1]).toEqual({ profile: { kind: 'argo', name: 'wf', context: 'emu', namespace: 'pipelines', serviceAccount: 'runner' } });
  });

  it('shows how a profile connects, in the list and with its connection test: certificate checks off, a token over http, the exec plugin run', async () => {
    const ARGO: ClusterProfile = { id: 'lab-1', name: 'lab', createdAt: '', kind: 'argo', context: 'lab', namespace: 'default' };
    const insecure = { kind: 'insecure-tls' as const, message: 'insecure-skip-tls-verify: the API server\'s certificate is not checked (context "lab").' };
    const plugin = { kind: 'exec-plugin' as const, message: 'Credentials come from running /usr/bin/aws eks get-token --cluster-name lab (context "lab").', command: '/usr/bin/aws', args: ['eks', 'get-token', '--cluster-name', 'lab'] };
    const overHttp = { kind: 'token-over-http' as const, message: 'The token goes to kf.example.com over plain http: it can be read on the network. Use https.' };
    const memory = memoryClusterCalls([ARGO, KFP], { transport: { lab: [insecure, plugin], prod: [overHttp] } });
    const { user } = renderDialog({ ...memory, clusterProfileTest: async () => ok({ ok: true, profile: 'lab', kind: 'argo', version: 'v1.30.0', namespace: 'default', endpoint: 'https://10.0.0.1:6443', transport: [insecure, plugin] }) });
    const lab = await screen.findByRole('listitem', { name: 'lab' });
    const listed = within(lab).getByRole('list', { name: 'How lab connects' });
    expect(within(listed).getAllByRole('listitem').map((li) => li.textContent)).toEqual([insecure.message, plugin.message]);
    expect(within(profileItem('prod')).getByRole('list', { name: 'How prod connects' }).textContent).toBe(overHttp.message);
    await user.click(within(lab).getByRole('button', { name: 'Test connection' }));
    const tested = await within(lab).findByRole('list', { name: 'How the test of lab connected' });
    expect(tested.textContent).toContain('/usr/bin/aws eks get-token --cluster-name lab');
  });
});
