// Properties of the selection: the pipeline when nothing is selected, else the selected task with a source picker
// for every input (the keyboard way to wire).
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Argument, PipelineDocument, PortSpec, Task } from '../../shared/model/document';
import { typeLabel } from '../../shared/types/type-compat';
import { taskLabel } from '../../shared/model/document';
import { useEditor } from '../store/editor-context';
import { selectApply, selectDocument, selectSelection } from '../store/selectors';
import { sourceOptions, sourceValue } from '../../shared/edit/argument-source';
import { GroupProperties } from './GroupProperties';
import { EMPTY_TEXT, formatTypedValue, parseTypedValue } from './parameter-value';
import { TaskOptionsEditor } from './TaskOptionsEditor';
import { EditStepButton, TaskPlacement } from './TaskPlacement';
import { own } from '../../shared/names/names';
import { graphIndex } from '../../shared/model/graph-index';

function TextField({ label, value, onCommit, multiline }: { label: string; value: string; onCommit: (v: string) => void; multiline?: boolean }) {
  const common = { 'aria-label': label, defaultValue: value, onBlur: (e: { target: { value: string } }) => e.target.value !== value && onCommit(e.target.value) };
  return (
    <label className="kfs-field">
      <span>{label}</span>
      {multiline ? <textarea key={value} {...common} rows={3} /> : <input key={value} {...common} onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()} />}
    </label>
  );
}

function PipelineProperties({ document }: { document: PipelineDocument }) {
  const apply = useEditor(selectApply);
  return (
    <>
      <h3>Pipeline</h3>
      <TextField label="Pipeline name" value={document.name} onCommit={(name) => apply([{ type: 'setPipelineInfo', name }])} />
      <TextField label="Display name" value={document.displayName ?? ''} onCommit={(displayName) => apply([{ type: 'setPipelineInfo', displayName }])} />
      <TextField label="Description" value={document.description ?? ''} multiline onCommit={(description) => apply([{ type: 'setPipelineInfo', description }])} />
      <p className="kfs-muted">Select a task on the canvas to edit it.</p>
    </>
  );
}

function InputRow({ document, task, input }: { document: PipelineDocument; task: Task; input: PortSpec }) {
  const apply = useEditor(selectApply);
  const [problem, setProblem] = useState<string | undefined>();
  const current = own(task.arguments, input.name);
  // The picker reads tasks, parameters, groups and components, never layout: a drag of this task (which changes
  // only layout) must not recompute it, so `document` itself is left out of the keys.
  const { tasks, inputs, groups } = document.graph;
  const components = document.components;
  const options = useMemo(
    () => sourceOptions(document, task.id, input, current),
    [tasks, inputs, groups, components, task.id, input, current],
  );
  const set = (argument: Argument | null) => apply([{ type: 'setArgument', task: task.id, input: input.name, argument }]);
  const name = `${taskLabel(task)} input ${input.name} source`;
  return (
    <li className="kfs-input-row" data-input-row={input.name}>
      <div>
        <strong>{input.name}</strong> <span className="kfs-port-type">{typeLabel(input.type)}</span>
        {!input.optional && input.default === undefined && <span className="kfs-required"> required</span>}
      </div>
      <select aria-label={name} value={sourceValue(current)} onChange={(e) => set(options.find((o) => o.value === e.target.value)?.argument ?? null)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {current?.kind === 'constant' && input.type.kind === 'parameter' && (
        <input
          aria-label={`${taskLabel(task)} input ${input.name} value`}
          defaultValue={formatTypedValue(current.value)}
          key={formatTypedValue(current.value)}
          placeholder={input.type.type === 'STRING' ? `type a value, or ${EMPTY_TEXT} for empty text` : 'type a value'}
          aria-invalid={current.value === null && !input.optional && input.default === undefined}
          onBlur={(e) => {
            const type = input.type.kind === 'parameter' ? input.type.type : 'STRING';
            const parsed = parseTypedValue(e.target.value, type);
            if (!parsed.ok) return setProblem(parsed.reason);
            setProblem(undefined);
            // A blank field is no value (null): required inputs stay listed in Problems until something is typed.
            if ((parsed.value ?? null) !== current.value) set({ kind: 'constant', value: parsed.value ?? null });
          }}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
      )}
      {problem && (
        <p className="kfs-field-problem" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

function TaskProperties({ document, task }: { document: PipelineDocument; task: Task }) {
  const apply = useEditor(selectApply);
  const component = own(document.components, task.component);
  // Inputs first: they are what a task needs before it can run; naming and placement follow, run options last.
  return (
    <>
      <h3>{taskLabel(task)}</h3>
      <h4>Inputs</h4>
      {component?.inputs.length ? (
        <ul className="kfs-inputs">
          {component.inputs.map((input) => (
            <InputRow key={input.name} document={document} task={task} input={input} />
          ))}
        </ul>
      ) : (
        <p className="kfs-muted">No inputs.</p>
      )}
      <h4>Outputs</h4>
      <ul className="kfs-outputs">
        {component?.outputs.map((o) => (
          <li key={o.name}>
            {o.name} <span className="kfs-port-type">{typeLabel(o.type)}</span>
          </li>
        ))}
      </ul>
      <h4>Step</h4>
      <TextField label="Display name" value={task.displayName ?? ''} onCommit={(displayName) => apply([{ type: 'updateTask', id: task.id, displayName: displayName || null }])} />
      <TextField label="Task id" value={task.id} onCommit={(newId) => apply([{ type: 'renameNode', id: task.id, newId }])} />
      <p className="kfs-muted">
        Component: {component?.name ?? `missing (${task.component})`}
        {(component?.implementation.kind === 'container' || component?.implementation.kind === 'script') && ` · image ${component.implementation.image}`}
      </p>
      <EditStepButton document={document} task={task} />
      <TaskPlacement document={document} task={task} />
      <TaskOptionsEditor task={task} />
    </>
  );
}

/** `3 steps, 2 wires selected.` */
function selectionSummary(document: PipelineDocument, selection: readonly string[]): string {
  const steps = selection.filter((id) => own(document.graph.tasks, id)).length;
  const wires = selection.filter((id) => id.startsWith('data:') || id.startsWith('after:')).length;
  const groups = selection.length - steps - wires;
  const part = (n: number, word: string) => (n ? [`${n} ${word}${n === 1 ? '' : 's'}`] : []);
  return `${[...part(steps, 'step'), ...part(groups, 'group'), ...part(wires, 'wire')].join(', ')} selected.`;
}

function InspectorView() {
  const document = useEditor(selectDocument);
  const selection = useEditor(selectSelection);
  const tasks = selection.map((id) => own(document.graph.tasks, id)).filter((t): t is Task => t !== undefined);
  const only = tasks.length === 1 && selection.length === 1 ? tasks[0] : undefined;
  const group = selection.length === 1 ? graphIndex(document.graph).ownerOf(selection[0]) : undefined;
  // Another selection starts at the top of its properties (its inputs), not where the last one was scrolled to.
  const panel = useRef<HTMLElement>(null);
  const shown = only?.id ?? group?.id ?? '';
  useEffect(() => {
    if (panel.current) panel.current.scrollTop = 0;
  }, [shown]);
  return (
    <section className="kfs-panel kfs-inspector" aria-label="Properties" ref={panel}>
      <h2>Properties</h2>
      {only ? (
        <TaskProperties key={only.id} document={document} task={only} />
      ) : group ? (
        <GroupProperties key={group.id} document={document} group={group} />
      ) : selection.length > 1 ? (
        <p>{selectionSummary(document, selection)}</p>
      ) : (
        <PipelineProperties document={document} />
      )}
    </section>
  );
}

export const Inspector = memo(InspectorView);
