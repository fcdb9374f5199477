// Container resources taken at run time (the SDK's `set_cpu_limit(task.output)`, `set_accelerator_type(param)`):
// each resource can come from a String parameter, an upstream output or a loop item instead of the typed value.
// Picking an upstream output also orders the task after its producer, so that the value exists when the pod is made.
import type { Argument, ResourceSourceField, Resources, Task } from '../../shared/model/document';
import { RESOURCE_SOURCE_FIELDS } from '../../shared/model/document';
import { useEditor } from '../store/editor-context';
import { selectApply } from '../store/selectors';
import { NameFrom, type PutOption } from './MountOptionsEditor';
import { OptionGroup, rowsSummary } from './option-fields';

const LABELS: { [field in ResourceSourceField]: string } = {
  cpuRequest: 'CPU request from',
  cpuLimit: 'CPU limit from',
  memoryRequest: 'Memory request from',
  memoryLimit: 'Memory limit from',
  acceleratorType: 'Accelerator type from',
  acceleratorCount: 'Accelerator count from',
};

export function ResourceSourcesEditor({ task, put }: { task: Task; put: PutOption }) {
  const apply = useEditor(selectApply);
  const resources: Resources = task.options.resources ?? {};
  const set = (field: ResourceSourceField, source: Argument | undefined) => {
    const from = { ...resources.from };
    if (source) from[field] = source;
    else delete from[field];
    const next: Resources = { ...resources };
    if (Object.keys(from).length) next.from = from;
    else delete next.from;
    put('resources', Object.keys(next).length ? next : undefined);
    if (source?.kind === 'taskOutput' && !task.after.includes(source.task)) apply([{ type: 'addAfter', task: task.id, dependsOn: source.task }]);
  };
  return (
    <OptionGroup title="Resources from values" summary={rowsSummary(Object.keys(resources.from ?? {}).length, 'value')}>
      <fieldset className="kfs-option-rows" aria-label="Resources from values">
        {RESOURCE_SOURCE_FIELDS.map((field) => (
          <NameFrom
            key={field}
            label={LABELS[field]}
            task={task}
            value={resources.from?.[field]}
            field={`options.resources.from.${field}`}
            noneLabel="The typed value"
            onChange={(source) => set(field, source)}
          />
        ))}
      </fieldset>
    </OptionGroup>
  );
}
