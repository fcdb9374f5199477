// Declares a step's inputs or outputs: a name and a type (parameter types and artifact types) per row.
import type { PortDraft } from './step-spec';
import { PORT_TYPE_CHOICES } from './step-spec';
import { typeChoiceLabel } from '../../shared/types/type-compat';

interface Props {
  side: 'Input' | 'Output';
  ports: PortDraft[];
  /** Outputs may be read from a file at a fixed path inside the container (image steps). */
  withFiles?: boolean;
  onChange: (ports: PortDraft[]) => void;
}

export function PortsEditor({ side, ports, withFiles, onChange }: Props) {
  const update = (index: number, patch: Partial<PortDraft>) => onChange(ports.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  const add = () => {
    const base = side === 'Input' ? 'input' : 'output';
    let n = ports.length + 1;
    while (ports.some((p) => p.name === `${base}_${n}`)) n++;
    onChange([...ports, { name: `${base}_${n}`, type: 'STRING' }]);
  };
  return (
    <fieldset className="kfs-ports-editor">
      <legend>{side}s</legend>
      {ports.length === 0 && <p className="kfs-muted">No {side.toLowerCase()}s.</p>}
      <ul>
        {ports.map((port, index) => (
          <li key={index} className="kfs-port-draft">
            <input aria-label={`${side} ${index + 1} name`} value={port.name} onChange={(e) => update(index, { name: e.target.value })} />
            <select aria-label={`${side} ${index + 1} type`} value={port.type} onChange={(e) => update(index, { type: e.target.value })}>
              {!PORT_TYPE_CHOICES.includes(port.type) && <option value={port.type}>{typeChoiceLabel(port.type)}</option>}
              {PORT_TYPE_CHOICES.map((t) => (
                <option key={t} value={t} title={t}>
                  {typeChoiceLabel(t)}
                </option>
              ))}
            </select>
            {side === 'Input' && (
              <label className="kfs-inline">
                <input type="checkbox" aria-label={`${side} ${index + 1} optional`} checked={port.optional === true} onChange={(e) => update(index, { optional: e.target.checked })} />
                optional
              </label>
            )}
            {withFiles && (
              <input
                aria-label={`${side} ${index + 1} file inside the container`}
                placeholder="written by the command at its path"
                value={port.file ?? ''}
                onChange={(e) => update(index, { file: e.target.value || undefined })}
              />
            )}
            <button type="button" aria-label={`Remove ${side.toLowerCase()} ${port.name || index + 1}`} onClick={() => onChange(ports.filter((_, i) => i !== index))}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={add}>
        Add {side.toLowerCase()}
      </button>
    </fieldset>
  );
}
