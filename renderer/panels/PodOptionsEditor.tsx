// The selected task's pod settings: env vars from pod fields, pod labels and annotations, image pull secrets.
import type { FieldPathEnv, Task } from '../../shared/model/document';
import type { PutOption } from './MountOptionsEditor';
import { KeyValueRows, OptionText, RowList } from './option-fields';

export function PodOptionsEditor({ task, put }: { task: Task; put: PutOption }) {
  const options = task.options;
  return (
    <>
      <RowList<FieldPathEnv>
        title="Environment variables from pod fields"
        noun="pod field variable"
        rows={options.fieldPathEnv ?? []}
        blank={{ name: '', fieldPath: '' }}
        onChange={(rows) => put('fieldPathEnv', rows)}
        renderRow={(row, i, update) => (
          <>
            <OptionText label={`Pod field variable ${i + 1} name`} value={row.name} placeholder="POD_NAME" field={`options.fieldPathEnv[${i}].name`} onCommit={(name) => update({ ...row, name })} />
            <OptionText
              label={`Pod field variable ${i + 1} field path`}
              value={row.fieldPath}
              placeholder="metadata.name"
              field={`options.fieldPathEnv[${i}].fieldPath`}
              onCommit={(fieldPath) => update({ ...row, fieldPath })}
            />
          </>
        )}
      />
      <KeyValueRows title="Pod labels" noun="pod label" map={options.podLabels} field="options.podLabels" onChange={(map) => put('podLabels', map)} />
      <KeyValueRows title="Pod annotations" noun="pod annotation" map={options.podAnnotations} field="options.podAnnotations" onChange={(map) => put('podAnnotations', map)} />
      <RowList<string>
        title="Image pull secrets"
        noun="image pull secret"
        rows={options.imagePullSecrets ?? []}
        blank=""
        onChange={(rows) => put('imagePullSecrets', rows)}
        renderRow={(row, i, update) => <OptionText label={`Image pull secret ${i + 1}`} value={row} placeholder="registry-creds" field={`options.imagePullSecrets[${i}]`} onCommit={update} />}
      />
    </>
  );
}
