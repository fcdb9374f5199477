import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { HostApi, HostRequest } from '../../shared/host-api/host-api.calls';
import { ok } from '../../shared/host-api/host-result';
import type { PipelineDocument } from '../../shared/model/document';
import { HostContext } from '../host/host-context';
import { createUiStores } from '../store/create-ui-stores';
import { UiStoresContext } from '../store/ui-stores';
import { bundledExample, createTestHost } from '../test-host';
import { RunDialog } from './RunDialog';
import { createRunsUi } from './runs-ui';

function renderDialog(document: PipelineDocument) {
  const submitted: HostRequest<'runSubmit'>[] = [];
  const host: HostApi = {
    ...createTestHost(),
    experimentList: async () => ok({ experiments: [{ id: 'default', name: 'Default', createdAt: '' }, { id: 'e2', name: 'Tuning', createdAt: '' }] }),
    runtimeInfo: async () => ok({ kind: 'local', execution: { mode: 'host', reason: 'docker is not on the PATH' } }),
    runSubmit: async (request) => {
      submitted.push(request);
      return ok({ runId: 'run-7' });
    },
  };
  const ui = createRunsUi();
  ui.getState().openRunDialog();
  render(
    <HostContext.Provider value={host}>
      <UiStoresContext.Provider value={createUiStores()}>
        <RunDialog document={document} ui={ui} />
      </UiStoresContext.Provider>
    </HostContext.Provider>,
  );
  return { submitted, ui, user: userEvent.setup() };
}

describe('the Run dialog', () => {
  it('asks for typed parameters with defaults, blocks Run on a wrong value, and submits typed values to the chosen experiment', async () => {
    const { submitted, ui, user } = renderDialog(bundledExample('classic-local'));
    const rows = screen.getByLabelText(/^rows/) as HTMLInputElement;
    expect(rows.value).toBe('400');
    expect((screen.getByLabelText(/^test_fraction/) as HTMLInputElement).value).toBe('0.25');
    await screen.findByText('Steps run on this machine without containers: no container engine (Docker or Podman) answers.');
    const start = screen.getByRole('button', { name: 'Start run' });
    await user.clear(rows);
    await user.type(rows, '12.5');
    expect(screen.getByText('Expected a whole number, got "12.5".')).toBeTruthy();
    expect(rows.getAttribute('aria-invalid')).toBe('true');
    expect(start).toHaveProperty('disabled', true);
    await user.clear(rows);
    await user.type(rows, '120');
    expect(start).toHaveProperty('disabled', false);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Experiment' }), 'Tuning');
    await user.click(start);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]?.parameters).toEqual({ rows: 120, seed: 7, test_fraction: 0.25, epochs: 300 });
    expect(submitted[0]?.experimentId).toBe('e2');
    expect(submitted[0]?.document?.name).toBe('classic-local');
    expect(ui.getState()).toMatchObject({ runDialogOpen: false, view: 'runs', runId: 'run-7' });
  });

  it('marks required parameters and will not run until they have a value', async () => {
    const doc = bundledExample('classic-local');
    doc.graph.inputs.push({ name: 'owner', type: { kind: 'parameter', type: 'STRING' } }, { name: 'shards', type: { kind: 'parameter', type: 'LIST' }, default: [1] });
    const { user, submitted } = renderDialog(doc);
    expect(screen.getByText('owner').parentElement?.querySelector('[aria-label="required"]')).toBeTruthy();
    expect(screen.getByText('rows').parentElement?.querySelector('[aria-label="required"]')).toBeNull();
    const start = screen.getByRole('button', { name: 'Start run' });
    expect(start).toHaveProperty('disabled', true);
    const shards = screen.getByLabelText(/^shards/);
    await user.clear(shards);
    await user.type(shards, '[[1, 2');
    expect(screen.getByText(/^Expected JSON \(an array such as/)).toBeTruthy();
    await user.clear(shards);
    await user.type(shards, '[[3, 4]');
    await user.type(screen.getByLabelText(/^owner/), 'ana');
    await user.click(start);
    expect(submitted[0]?.parameters).toMatchObject({ owner: 'ana', shards: [3, 4] });
  });
});
