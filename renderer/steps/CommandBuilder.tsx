// Builds a container's command or arguments as a list of literal text and placeholders for the declared ports.
import { useState } from 'react';
import type { ArgDraft, PortDraft } from './step-spec';
import { argLabel, placeholderChoices } from './step-spec';

interface Props {
  label: 'Command' | 'Arguments';
  items: ArgDraft[];
  ports: { inputs: PortDraft[]; outputs: PortDraft[] };
  onChange: (items: ArgDraft[]) => void;
}

export function CommandBuilder({ label, items, ports, onChange }: Props) {
  const [text, setText] = useState('');
  const choices = placeholderChoices(ports);
  const addText = () => {
    if (!text) return;
    onChange([...items, { kind: 'literal', text }]);
    setText('');
  };
  const move = (index: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    onChange(next);
  };
  return (
    <fieldset className="kfs-command-builder">
      <legend>{label}</legend>
      <ol aria-label={`${label} items`}>
        {items.map((item, index) => (
          <li key={index} className={`kfs-arg kfs-arg-${item.kind === 'literal' ? 'literal' : 'placeholder'}`}>
            <span className="kfs-arg-text">{item.kind === 'literal' ? item.text : `{${argLabel(item)}}`}</span>
            <button type="button" aria-label={`Move ${label.toLowerCase()} item ${index + 1} earlier`} disabled={index === 0} onClick={() => move(index, -1)}>
              ↑
            </button>
            <button type="button" aria-label={`Remove ${label.toLowerCase()} item ${index + 1}`} onClick={() => onChange(items.filter((_, i) => i !== index))}>
              ✕
            </button>
          </li>
        ))}
      </ol>
      <div className="kfs-arg-add">
        <input
          aria-label={`${label} text`}
          placeholder="text, e.g. python or --epochs"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            addText();
          }}
        />
        <button type="button" onClick={addText} aria-label={`Add text to ${label.toLowerCase()}`}>
          Add text
        </button>
        <select
          aria-label={`Add placeholder to ${label.toLowerCase()}`}
          value=""
          disabled={!choices.length}
          onChange={(e) => {
            const choice = choices[Number(e.target.value)];
            if (choice) onChange([...items, choice.arg]);
          }}
        >
          <option value="">{choices.length ? 'Add placeholder…' : 'Declare ports to add placeholders'}</option>
          {choices.map((c, i) => (
            <option key={c.label} value={i}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
