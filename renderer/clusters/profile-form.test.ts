import { describe, expect, it } from 'vitest';
import { newClusterProfileSchema } from '../../shared/host-api/cluster.calls';
import { EMPTY_PROFILE_FORM, readProfileForm } from './profile-form';

describe('the Add profile form', () => {
  it('gives profiles the host contract accepts, for each kind', () => {
    const forms = [
      { ...EMPTY_PROFILE_FORM, name: 'a', url: 'https://kf.example.com/pipeline/', auth: 'cookie' as const, secret: ' authservice_session=x ' },
      { ...EMPTY_PROFILE_FORM, name: 'b', kind: 'kfp-kubeconfig' as const, context: 'kind', kubeconfigPath: '/k/config', namespace: 'team-a' },
      { ...EMPTY_PROFILE_FORM, name: 'c', kind: 'argo' as const, context: 'kind', namespace: 'argo' },
    ];
    const profiles = forms.map((form) => readProfileForm(form, []).profile);
    for (const profile of profiles) expect(newClusterProfileSchema.safeParse(profile).success).toBe(true);
    expect(profiles[0]).toMatchObject({ connection: { url: 'https://kf.example.com/pipeline' }, secret: 'authservice_session=x' });
    expect(profiles[1]).toEqual({ kind: 'kfp', name: 'b', connection: { mode: 'kubeconfig', context: 'kind', kubeconfigPath: '/k/config' }, namespace: 'team-a' });
  });

  it('says what is wrong per field', () => {
    expect(readProfileForm({ ...EMPTY_PROFILE_FORM, name: 'prod', url: 'https://u:p@kf.example.com' }, ['prod']).errors).toEqual({
      name: 'A profile named "prod" exists already.',
      url: 'Leave credentials out of the URL: use the token or cookie field.',
    });
    expect(readProfileForm({ ...EMPTY_PROFILE_FORM, name: 'x', kind: 'argo', namespace: 'Team_A' }, []).errors).toEqual({
      context: 'Choose a kubeconfig context.',
      namespace: 'The namespace is a Kubernetes name: lower-case letters, digits and "-", at most 63 characters.',
    });
  });
});
