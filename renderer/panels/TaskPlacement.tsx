// Where the selected task sits and what it waits for: its group (the keyboard way to drop it into one), its ordering
// edges (runs after), and the Edit step action for steps made from an image or a script.
import type { PipelineDocument, Task } from '../../shared/model/document';
import { taskLabel } from '../../shared/model/document';
import { groupTitle } from '../../shared/layout/group-frames';
import { containerChoices, orderingCandidates } from '../../shared/edit/placement';
import { componentToDraft } from '../steps/step-spec';
import { useEditor, useEditorStore } from '../store/editor-context';
import { selectApply } from '../store/selectors';
import { own } from '../../shared/names/names';

export function EditStepButton({ document, task }: { document: PipelineDocument; task: Task }) {
  const store = useEditorStore();
  const component = own(document.components, task.component);
  const draft = component ? componentToDraft(component) : undefined;
  if (!draft || !component || (component.source?.kind !== 'image' && component.source?.kind !== 'script' && draft.kind !== 'script')) return null;
  return (
    <button type="button" onClick={() => store.getState().openStepDialog({ mode: draft.kind, componentId: task.component })}>
      Edit step
    </button>
  );
}

export function TaskPlacement({ document, task }: { document: PipelineDocument; task: Task }) {
  const apply = useEditor(selectApply);
  const label = taskLabel(task);
  const tasks = document.graph.tasks;
  const groups = document.graph.groups;
  const { tasks: candidates, groups: groupCandidates } = orderingCandidates(document, task);
  const nameOf = (id: string) => (tasks[id] ? taskLabel(tasks[id]) : groups[id] ? `${groupTitle(groups[id])} (the whole group)` : id);
  const choices = containerChoices(document);
  return (
    <>
      {choices.length > 0 && (
        <label className="kfs-field">
          <span>Group</span>
          <select aria-label={`${label} group`} value={task.parent ?? ''} onChange={(e) => apply([{ type: 'setParent', ids: [task.id], parent: e.target.value || null }])}>
            <option value="">Not in a group</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <h4>Runs after</h4>
      {task.after.length === 0 && <p className="kfs-muted">No ordering edges: the task starts once its inputs are ready.</p>}
      <ul className="kfs-after">
        {task.after.map((up) => (
          <li key={up}>
            {nameOf(up)}{' '}
            <button type="button" aria-label={`Remove ordering edge from ${nameOf(up)}`} onClick={() => apply([{ type: 'removeAfter', task: task.id, dependsOn: up }])}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      <select
        aria-label="Add ordering edge"
        value=""
        disabled={!candidates.length && !groupCandidates.length}
        onChange={(e) => e.target.value && apply([{ type: 'addAfter', task: task.id, dependsOn: e.target.value }])}
      >
        <option value="">{candidates.length || groupCandidates.length ? 'Add ordering edge: run after…' : 'No task to run after'}</option>
        {candidates.map((t) => (
          <option key={t.id} value={t.id}>
            {taskLabel(t)}
          </option>
        ))}
        {groupCandidates.map((g) => (
          <option key={g.id} value={g.id}>
            {nameOf(g.id)}
          </option>
        ))}
      </select>
    </>
  );
}
