// The "Build image" dialog of an image step, against a host whose image calls answer like the real ones (which are
// tested for real in test/containers/image-handlers.test.ts): the written Dockerfile is shown before building, the
// log streams in as the job goes, and the pushed reference pinned by digest becomes the step's image; a step whose
// context hash changed is marked stale (KFS856).
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import { fail, ok } from '../../shared/host-api/host-result';
import type { ImageBuildRecord } from '../../shared/model/document';
import { HostContext } from '../host/host-context';
import { App } from '../shell/App';
import { createTestHost } from '../test-host';
import { ImageStaleNote } from './ImageStaleNote';

const PINNED = `127.0.0.1:5000/team/train@sha256:${'a'.repeat(64)}`;
const HASH = `sha256:${'b'.repeat(64)}`;

function scriptedHost(): { host: HostApi; started: unknown[] } {
  const started: unknown[] = [];
  const steps = [
    { state: 'building' as const, log: 'STEP 1/4: FROM python:3.12-slim\n' },
    { state: 'pushing' as const, log: '[kfp-studio] pushing 127.0.0.1:5000/team/train:v1\n' },
    { state: 'done' as const, log: 'Writing manifest to image destination\n' },
  ];
  let text = '';
  let polls = 0;
  const host: HostApi = {
    ...createTestHost(),
    imageBuildStart: async (request) => {
      started.push(request);
      return ok({ jobId: 'job-1' });
    },
    imageBuildStatus: async ({ jobId, logOffset }) => {
      if (jobId !== 'job-1') return fail('KFS702', 'no such job');
      const step = steps[Math.min(polls, steps.length - 1)]!;
      if (polls < steps.length) text += step.log;
      polls += 1;
      return ok({
        state: step.state,
        log: text.slice(logOffset),
        logOffset: text.length,
        ...(step.state === 'done' ? { result: { tag: '127.0.0.1:5000/team/train:v1', imageId: 'sha256:1', contextHash: HASH, dockerfile: '', generated: true, engine: 'podman' as const, pinned: PINNED } } : {}),
      });
    },
    imageContextHash: async () => ok({ contextHash: HASH }),
  };
  return { host, started };
}

describe('Build image', { timeout: 60_000 }, () => {
  it('shows the Dockerfile it writes, streams the build, and sets the step image to the pushed digest', async () => {
    const { host, started } = scriptedHost();
    const user = userEvent.setup();
    render(<App host={host} exampleId="classic" />);
    await screen.findByRole('group', { name: 'Train' }, { timeout: 5000 });
    await user.click(screen.getByRole('button', { name: 'New image step' }));
    const step = screen.getByRole('dialog', { name: 'New step from a container image' });
    await user.click(within(step).getByRole('button', { name: 'Build image…' }));

    const dialog = screen.getByRole('dialog', { name: 'Build image' });
    expect(within(dialog).getByRole('button', { name: 'Build image' }).hasAttribute('disabled')).toBe(true);
    await user.type(within(dialog).getByRole('textbox', { name: 'Script file' }), '/home/me/steps/train.py');
    await user.type(within(dialog).getByRole('textbox', { name: 'Requirements file' }), '/home/me/steps/requirements.txt');
    const dockerfile = within(dialog).getByLabelText('Generated Dockerfile').textContent ?? '';
    expect(dockerfile).toContain('FROM python:3.12-slim');
    expect(dockerfile).toContain('RUN python3 -m pip install --no-cache-dir -r /app/requirements.txt');
    expect(dockerfile).toContain('COPY train.py /app/train.py');
    await user.type(within(dialog).getByRole('textbox', { name: 'Image name' }), '127.0.0.1:5000/team/train:v1');
    await user.click(within(dialog).getByRole('checkbox', { name: /Network during the build/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Build image' }));

    await waitFor(() => expect(within(dialog).getByLabelText('Build log').textContent).toContain('[kfp-studio] pushing'), { timeout: 10_000 });
    await waitFor(() => expect(within(dialog).getByRole('status', { name: 'Build progress' }).textContent).toBe(`Built: the step now runs ${PINNED}.`), { timeout: 10_000 });
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog', { name: 'Build image' })).toBeNull();
    expect((within(step).getByRole('textbox', { name: 'Container image' }) as HTMLInputElement).value).toBe(PINNED);
    expect(started).toEqual([{ source: { kind: 'script', script: '/home/me/steps/train.py', requirements: '/home/me/steps/requirements.txt', baseImage: 'python:3.12-slim' }, tag: '127.0.0.1:5000/team/train:v1', push: true, network: 'default' }]);
    expect((await within(step).findByRole('status', { name: 'Image build state' })).textContent).toBe('Built as 127.0.0.1:5000/team/train:v1 from the current script.');
  });

  it('marks the image stale when the context hash is no longer the one kept with the step (KFS856)', async () => {
    const build: ImageBuildRecord = { source: { kind: 'script', script: '/s/train.py', baseImage: 'python:3.12-slim' }, contextHash: `sha256:${'c'.repeat(64)}`, tag: 'localhost/train:v1', builtAt: '2026-01-01T00:00:00Z' };
    render(
      <HostContext.Provider value={scriptedHost().host}>
        <ImageStaleNote build={build} />
      </HostContext.Provider>,
    );
    expect((await screen.findByRole('status')).textContent).toContain('KFS856: the image is older than its build context: the script or its requirements changed since localhost/train:v1 was built');
  });
});
