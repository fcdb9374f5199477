// Properties of a selected group: condition branches (if / elif / else with a comparison each), a parallel-for's
// items and parallelism, an exit handler's exit task. Every edit is an updateGroup change.
import type { Argument, Comparison, ComparisonOperator, ConditionGroup, Group, JsonValue, PipelineDocument } from '../../shared/model/document';
import { COMPARISON_OPERATORS } from '../../shared/model/document';
import { taskLabel } from '../../shared/model/document';
import { groupTitle } from '../../shared/layout/group-frames';
import { graphIndex } from '../../shared/model/graph-index';
import { newBranch } from '../../shared/edit/group-changes';
import { useEditor } from '../store/editor-context';
import { selectApply } from '../store/selectors';
import { sourceValue, valueOptions } from '../../shared/edit/argument-source';
import { OptionText } from './option-fields';

function parseConstant(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

function SidePicker({ label, document, container, value, onChange }: { label: string; document: PipelineDocument; container: string; value: Argument; onChange: (a: Argument) => void }) {
  const options = valueOptions(document, container, value);
  return (
    <div className="kfs-side-picker">
      <select aria-label={label} value={sourceValue(value)} onChange={(e) => onChange(options.find((o) => o.value === e.target.value)?.argument ?? value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {value.kind === 'constant' && (
        <input
          aria-label={`${label} value`}
          title="A JSON value: 3, 0.5, true, &quot;text&quot; (plain text is taken as a string)"
          defaultValue={JSON.stringify(value.value)}
          key={JSON.stringify(value.value)}
          onBlur={(e) => e.target.value !== JSON.stringify(value.value) && onChange({ kind: 'constant', value: parseConstant(e.target.value) })}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
      )}
    </div>
  );
}

function ConditionEditor({ document, group, update }: { document: PipelineDocument; group: ConditionGroup; update: (g: Group) => void }) {
  const name = group.displayName || group.id;
  const setWhen = (index: number, when: Comparison) => update({ ...group, branches: group.branches.map((b, i) => (i === index ? { ...b, when } : b)) });
  const hasElse = group.branches.some((b) => !b.when);
  const taken = group.branches.map((b) => b.id);
  const addBranch = (elseBranch: boolean) => {
    const branch = newBranch(document, group.id, elseBranch ? undefined : { left: { kind: 'constant', value: 1 }, operator: '==', right: { kind: 'constant', value: 1 } }, taken);
    const branches = [...group.branches];
    branches.splice(elseBranch || !hasElse ? branches.length : branches.length - 1, 0, branch);
    update({ ...group, branches });
  };
  return (
    <>
      <h4>Branches</h4>
      <ol className="kfs-branches" aria-label="Branches">
        {group.branches.map((branch, index) => {
          const kind = !branch.when ? 'else' : index === 0 ? 'if' : 'elif';
          const at = `${name} branch ${index + 1}`;
          return (
            <li key={branch.id} className="kfs-branch">
              <strong>{kind}</strong>
              {branch.when && (
                <div className="kfs-comparison">
                  <span>Left</span>
                  <SidePicker label={`${at} left`} document={document} container={branch.id} value={branch.when.left} onChange={(left) => setWhen(index, { ...(branch.when as Comparison), left })} />
                  <span>Is</span>
                  <select aria-label={`${at} operator`} value={branch.when.operator} onChange={(e) => setWhen(index, { ...(branch.when as Comparison), operator: e.target.value as ComparisonOperator })}>
                    {COMPARISON_OPERATORS.map((op) => (
                      <option key={op} value={op}>
                        {op}
                      </option>
                    ))}
                  </select>
                  <span>Right</span>
                  <SidePicker label={`${at} right`} document={document} container={branch.id} value={branch.when.right} onChange={(right) => setWhen(index, { ...(branch.when as Comparison), right })} />
                </div>
              )}
              {group.branches.length > 1 && (
                <button type="button" aria-label={`Remove ${at}`} onClick={() => update({ ...group, branches: group.branches.filter((b) => b.id !== branch.id) })}>
                  Remove
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <div className="kfs-row">
        <button type="button" onClick={() => addBranch(false)}>
          Add elif branch
        </button>
        <button type="button" disabled={hasElse} onClick={() => addBranch(true)}>
          Add else branch
        </button>
      </div>
    </>
  );
}

export function GroupProperties({ document, group }: { document: PipelineDocument; group: Group }) {
  const apply = useEditor(selectApply);
  const update = (next: Group) => apply([{ type: 'updateGroup', group: next }]);
  const index = graphIndex(document.graph);
  const inside = index.descendantsOf(group.id);
  return (
    <>
      <h3>{groupTitle(group)}</h3>
      <OptionText label="Group display name" value={group.displayName ?? ''} placeholder={group.id} onCommit={(displayName) => update(displayName ? { ...group, displayName } : (({ displayName: _d, ...rest }) => rest as Group)(group))} />
      <p className="kfs-muted">
        {inside.tasks.length} step{inside.tasks.length === 1 ? '' : 's'} inside. Drag steps onto the frame to add them; drag them out to take them out.
      </p>
      {group.kind === 'condition' && <ConditionEditor document={document} group={group} update={update} />}
      {group.kind === 'parallelFor' && (
        <>
          <h4>Loop</h4>
          <SidePickerList document={document} group={group} update={update} />
          <OptionText
            label="Parallelism"
            value={group.parallelism !== undefined ? String(group.parallelism) : ''}
            placeholder="no limit"
            onCommit={(t) => {
              const { parallelism: _p, ...rest } = group;
              update(t.trim() === '' ? rest : { ...rest, parallelism: Number(t) });
            }}
          />
        </>
      )}
      {group.kind === 'exitHandler' && (
        <label className="kfs-field">
          <span>Exit task (runs when the group ends, however it ends)</span>
          <select aria-label="Exit task" value={group.exitTask} onChange={(e) => update({ ...group, exitTask: e.target.value })}>
            <option value="">Choose a task…</option>
            {[...index.tasks.values()]
              .filter((t) => !inside.tasks.includes(t.id))
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {taskLabel(t)}
                </option>
              ))}
          </select>
        </label>
      )}
      <div className="kfs-row">
        <button type="button" onClick={() => apply([{ type: 'removeNodes', ids: [group.id] }])}>
          Ungroup
        </button>
      </div>
    </>
  );
}

function SidePickerList({ document, group, update }: { document: PipelineDocument; group: Extract<Group, { kind: 'parallelFor' }>; update: (g: Group) => void }) {
  const options = valueOptions(document, group.parent, group.items, true);
  return (
    <div className="kfs-side-picker">
      <select aria-label="Loop items" value={sourceValue(group.items)} onChange={(e) => update({ ...group, items: options.find((o) => o.value === e.target.value)?.argument ?? group.items })}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {group.items.kind === 'constant' && (
        <OptionText label="Loop items list" value={JSON.stringify(group.items.value)} placeholder="[1, 2, 3]" onCommit={(t) => update({ ...group, items: { kind: 'constant', value: parseConstant(t) } })} />
      )}
    </div>
  );
}
