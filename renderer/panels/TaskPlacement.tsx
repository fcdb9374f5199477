// Where the selected task sits and what it waits for: its group (the keyboard way to drop it into one), its ordering
// edges (runs after), and the Edit step action for steps made from an image or a script.
import type { PipelineDocument, Task } from '../../shared/model/document';
import { taskLabel } from '../../shared/model/document';
import { groupTitle } from '../../shared/layout/group-frames';
import { checkOrdering } from '../../shared/edit/wire-check';
import { componentToDraft } from '../steps/step-spec';
import { useEditor, useEditorStore } from '../store/editor-context';
import { selectApply } from '../store/selectors';
import { own } from '../../shared/names/names';

/** Containers a task can be placed in: groups other than conditions, and condition branches. */
export function containerChoices(document: PipelineDocument): { id: string; label: string }[] {
  return Object.values(document.graph.groups).flatMap((g) =>
    g.kind === 'condition' ? g.branches.map((b, i) => ({ id: b.id, label: `${groupTitle(g)} · ${!b.when ? 'else' : i === 0 ? 'if' : 'elif'} (branch ${i + 1})` })) : [{ id: g.id, label: groupTitle(g) }],
  );
}

/** The groups a task sits in, innermost first (a branch counts as its condition). */
function groupsAround(document: PipelineDocument, task: Task): string[] {
  const owner = new Map<string, string>();
  for (const g of Object.values(document.graph.groups)) if (g.kind === 'condition') for (const b of g.branches) owner.set(b.id, g.id);
  const out: string[] = [];
  for (let p = task.parent; p !== undefined && !out.includes(p); ) {
    const group = owner.get(p) ?? p;
    out.push(group);
    p = document.graph.groups[group]?.parent;
  }
  return out;
}

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
  const candidates = Object.values(tasks).filter((t) => checkOrdering(document, task.id, t.id) === undefined);
  const groups = document.graph.groups;
  // A whole group (an if/elif/else, a loop) can be waited on, as the IR's dependentTasks says; not one the task sits in.
  const groupCandidates = Object.values(groups).filter((g) => !task.after.includes(g.id) && !groupsAround(document, task).includes(g.id));
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
