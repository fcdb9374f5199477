// The pipeline's parameters: add, rename, retype, set a default, remove. Each edit is a putParameter/removeParameter change.
import { memo, useState } from 'react';
import { PARAMETER_TYPES, type ParameterType, type PortSpec } from '../../shared/model/document';
import { typeLabel } from '../../shared/types/type-compat';
import { useEditor } from '../store/editor-context';
import { selectApply, selectParameters } from '../store/selectors';
import { formatTypedValue, parseTypedValue } from './parameter-value';

const EDITABLE_TYPES = PARAMETER_TYPES.filter((t) => t !== 'TASK_FINAL_STATUS');

function ParameterRow({ parameter }: { parameter: PortSpec }) {
  const apply = useEditor(selectApply);
  const [problem, setProblem] = useState<string | undefined>();
  const put = (next: PortSpec) => apply([{ type: 'putParameter', parameter: next, previousName: parameter.name }]);
  const type = parameter.type.kind === 'parameter' ? parameter.type.type : undefined;

  const commitName = (name: string) => {
    if (name === parameter.name) return;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      setProblem('Names start with a letter or _ and hold letters, digits and _.');
      return;
    }
    setProblem(undefined);
    put({ ...parameter, name });
  };
  const commitDefault = (text: string) => {
    if (!type) return;
    const parsed = parseTypedValue(text, type);
    if (!parsed.ok) return setProblem(parsed.reason);
    setProblem(undefined);
    const { default: _old, ...rest } = parameter;
    put(parsed.value === undefined ? rest : { ...rest, default: parsed.value });
  };
  const changeType = (next: ParameterType) => {
    const { default: _old, ...rest } = parameter;
    const kept = parameter.default !== undefined && parseTypedValue(formatTypedValue(parameter.default), next);
    put({ ...rest, type: { kind: 'parameter', type: next }, ...(kept && kept.ok && kept.value !== undefined ? { default: kept.value } : {}) });
  };

  return (
    <li className="kfs-parameter" aria-label={`Parameter ${parameter.name}`}>
      <input aria-label={`Name of parameter ${parameter.name}`} defaultValue={parameter.name} key={`n-${parameter.name}`} onBlur={(e) => commitName(e.target.value.trim())} onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()} />
      {type ? (
        <select aria-label={`Type of parameter ${parameter.name}`} value={type} onChange={(e) => changeType(e.target.value as ParameterType)}>
          {EDITABLE_TYPES.map((t) => (
            <option key={t} value={t}>
              {typeLabel({ kind: 'parameter', type: t })}
            </option>
          ))}
        </select>
      ) : (
        <span className="kfs-port-type">{typeLabel(parameter.type)}</span>
      )}
      <input
        aria-label={`Default of parameter ${parameter.name}`}
        placeholder="no default"
        defaultValue={formatTypedValue(parameter.default)}
        key={`d-${parameter.name}-${formatTypedValue(parameter.default)}`}
        disabled={!type}
        onBlur={(e) => commitDefault(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
      <button type="button" aria-label={`Remove parameter ${parameter.name}`} title="Remove" onClick={() => apply([{ type: 'removeParameter', name: parameter.name }])}>
        ×
      </button>
      {problem && (
        <p className="kfs-field-problem" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

function ParametersView() {
  const parameters = useEditor(selectParameters);
  const apply = useEditor(selectApply);
  const add = () => {
    const names = new Set(parameters.map((p) => p.name));
    let n = 1;
    while (names.has(`param_${n}`)) n++;
    apply([{ type: 'putParameter', parameter: { name: `param_${n}`, type: { kind: 'parameter', type: 'STRING' } } }]);
  };
  return (
    <section className="kfs-panel kfs-parameters" aria-label="Parameters">
      <h2>Parameters</h2>
      {parameters.length === 0 && <p className="kfs-muted">No pipeline parameters.</p>}
      <ul>
        {parameters.map((p) => (
          <ParameterRow key={p.name} parameter={p} />
        ))}
      </ul>
      <button type="button" onClick={add}>
        Add parameter
      </button>
    </section>
  );
}

export const ParametersPanel = memo(ParametersView);
