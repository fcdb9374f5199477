// A step whose image was built from the app and whose build context changed since: the host's hash (scripted here;
// hashing real files is tested in electron/host/images and test/containers) differs from the one kept with the step,
// so Problems lists a KFS856 warning with "Rebuild", the step on the canvas says "Image stale", and rebuilding sets the
// new pinned image with its new hash, which clears both. A script step builds its packages into an image the same way.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import { ok } from '../../shared/host-api/host-result';
import type { ImageBuildSource, PipelineDocument } from '../../shared/model/document';
import { App } from '../shell/App';
import { bundledExample, createTestHost } from '../test-host';

const OLD = `sha256:${'1'.repeat(64)}`;
const NEW = `sha256:${'2'.repeat(64)}`;
const PINNED = `127.0.0.1:5000/team/train@sha256:${'3'.repeat(64)}`;

/** A host whose context hash is whatever `hashNow` answers, and whose builds finish at once with that hash. */
function hashingHost(hashNow: (source: ImageBuildSource) => string): { host: HostApi; started: unknown[] } {
  const started: unknown[] = [];
  const host: HostApi = {
    ...createTestHost(),
    imageContextHash: async ({ source }) => ok({ contextHash: hashNow(source) }),
    imageBuildStart: async (request) => {
      started.push(request);
      return ok({ jobId: 'j' });
    },
    imageBuildStatus: async () =>
      ok({ state: 'done' as const, log: 'Successfully built\n', logOffset: 19, result: { tag: '127.0.0.1:5000/team/train:v2', imageId: 'sha256:9', contextHash: NEW, dockerfile: '', generated: true, engine: 'docker' as const, pinned: PINNED } }),
  };
  return { host, started };
}

function withBuiltTrain(): PipelineDocument {
  const doc = bundledExample('classic');
  const train = doc.components['train-sklearn']!;
  if (train.implementation.kind !== 'container') throw new Error('train is an image step');
  train.implementation.build = { source: { kind: 'script', script: '/home/me/train.py', baseImage: 'python:3.12-slim' }, contextHash: OLD, tag: '127.0.0.1:5000/team/train:v1', builtAt: '2026-01-01T00:00:00Z' };
  return doc;
}

describe('Stale images', { timeout: 60_000 }, () => {
  it('shows a changed build context in Problems and on the step, and Rebuild makes the new image the step’s', async () => {
    const { host, started } = hashingHost(() => NEW);
    const user = userEvent.setup();
    // StrictMode as the app runs (main.tsx): effects are set up twice, and the build must still be followed.
    render(
      <StrictMode>
        <App host={host} initialDocument={withBuiltTrain()} />
      </StrictMode>,
    );
    const problems = screen.getByRole('region', { name: 'Problems' });
    const warning = await within(problems).findByText(/The image 127\.0\.0\.1:5000\/team\/train:v1 is older than its build context: the script or its requirements changed/, {}, { timeout: 10_000 });
    expect(warning.closest('button')?.textContent).toContain('KFS856');
    const badge = screen.getByRole('button', { name: 'Rebuild the image of Train' });
    expect(badge.getAttribute('title')).toContain('KFS856');

    await user.click(within(problems).getByRole('button', { name: 'Rebuild the image of train' }));
    const dialog = screen.getByRole('dialog', { name: 'Build image' });
    expect((within(dialog).getByRole('textbox', { name: 'Script file' }) as HTMLInputElement).value).toBe('/home/me/train.py');
    await user.clear(within(dialog).getByRole('textbox', { name: 'Image name' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Image name' }), '127.0.0.1:5000/team/train:v2');
    await user.click(within(dialog).getByRole('button', { name: 'Build image' }));

    await waitFor(() => expect(within(dialog).getByRole('status', { name: 'Build progress' }).textContent).toBe(`Built: the step now runs ${PINNED}.`), { timeout: 10_000 });
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog', { name: 'Build image' })).toBeNull();
    expect(started).toEqual([{ source: { kind: 'script', script: '/home/me/train.py', baseImage: 'python:3.12-slim' }, tag: '127.0.0.1:5000/team/train:v2', push: true }]);
    await waitFor(() => expect(within(problems).queryByText(/older than its build context/)).toBeNull(), { timeout: 10_000 });
    expect(screen.queryByRole('button', { name: 'Rebuild the image of Train' })).toBeNull();
    expect(screen.getByText(/^Rebuilt the image of .+: it now runs 127\.0\.0\.1:5000\/team\/train@sha256:3{64}\.$/)).toBeTruthy();
  });

  it('does not warn while the context hash is the one kept with the step', async () => {
    let hashed = 0;
    const { host } = hashingHost(() => {
      hashed += 1;
      return OLD;
    });
    render(<App host={host} initialDocument={withBuiltTrain()} />);
    await screen.findByRole('group', { name: 'Train' }, { timeout: 5000 });
    await waitFor(() => expect(hashed).toBeGreaterThan(0), { timeout: 10_000 });
    await act(async () => undefined);
    expect(screen.queryByRole('button', { name: 'Rebuild the image of Train' })).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Problems' })).queryByText(/KFS856/)).toBeNull();
  });

  it('builds a script step’s packages into an image with the Dockerfile shown, and a changed package list makes it stale', async () => {
    const { host, started } = hashingHost((source) => (source.kind === 'packages' && source.packages.join(' ') === 'pandas==2.2.2' ? NEW : OLD));
    const user = userEvent.setup();
    render(<App host={host} exampleId="classic" />);
    await screen.findByRole('group', { name: 'Train' }, { timeout: 5000 });
    await user.click(screen.getByRole('button', { name: 'New script step' }));
    const step = screen.getByRole('dialog', { name: 'New step from a script' });
    const buildButton = within(step).getByRole('button', { name: 'Build image with packages…' });
    expect(buildButton.hasAttribute('disabled')).toBe(true);
    await user.type(within(step).getByRole('textbox', { name: 'Packages' }), 'pandas==2.2.2');
    await user.click(buildButton);

    const dialog = screen.getByRole('dialog', { name: 'Build image' });
    expect(within(dialog).queryByRole('textbox', { name: 'Script file' })).toBeNull();
    const dockerfile = within(dialog).getByLabelText('Generated Dockerfile').textContent ?? '';
    expect(dockerfile).toContain('FROM python:3.11-slim');
    expect(dockerfile).toContain('RUN python3 -m pip install --no-cache-dir -r /kfp-studio/requirements.txt');
    expect((within(dialog).getByRole('checkbox', { name: /Network during the build/ }) as HTMLInputElement).checked).toBe(true);
    await user.type(within(dialog).getByRole('textbox', { name: 'Image name' }), '127.0.0.1:5000/team/train:v2');
    await user.click(within(dialog).getByRole('button', { name: 'Build image' }));
    await waitFor(() => expect(within(dialog).getByRole('status', { name: 'Build progress' }).textContent).toBe(`Built: the step now runs ${PINNED}.`), { timeout: 10_000 });
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog', { name: 'Build image' })).toBeNull();
    expect(started).toEqual([{ source: { kind: 'packages', packages: ['pandas==2.2.2'], baseImage: 'python:3.11-slim' }, tag: '127.0.0.1:5000/team/train:v2', push: true, network: 'default' }]);
    expect((within(step).getByRole('textbox', { name: 'Base image' }) as HTMLInputElement).value).toBe(PINNED);
    expect((await within(step).findByRole('status', { name: 'Image build state' })).textContent).toBe('Built as 127.0.0.1:5000/team/train:v2 from the current packages.');

    await user.type(within(step).getByRole('textbox', { name: 'Packages' }), ' numpy');
    await waitFor(() => expect(within(step).getByRole('status', { name: 'Image build state' }).textContent).toContain("KFS856: the image is older than its build context: the step's packages changed"), { timeout: 10_000 });
  });
});
