// Small form fields for the inspector's task options: text committed on blur or Enter, and editable row lists.
import type { ReactNode } from 'react';

export function OptionText({ label, value, placeholder, onCommit }: { label: string; value: string; placeholder?: string; onCommit: (value: string) => void }) {
  return (
    <label className="kfs-field kfs-option">
      <span>{label}</span>
      <input
        aria-label={label}
        defaultValue={value}
        key={value}
        placeholder={placeholder}
        onBlur={(e) => e.target.value !== value && onCommit(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
    </label>
  );
}

export function OptionSelect<T extends string>({ label, value, choices, onChange }: { label: string; value: T | ''; choices: readonly { value: T | ''; label: string }[]; onChange: (value: T | '') => void }) {
  return (
    <label className="kfs-field kfs-option">
      <span>{label}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as T | '')}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A list of rows (env vars, secrets, volumes, ...): each row's fields, a remove button, and an add button. */
export function RowList<T>({ title, noun, rows, blank, renderRow, onChange }: { title: string; noun: string; rows: readonly T[]; blank: T; renderRow: (row: T, index: number, update: (row: T) => void) => ReactNode; onChange: (rows: T[]) => void }) {
  return (
    <fieldset className="kfs-option-rows">
      <legend>{title}</legend>
      {rows.map((row, index) => (
        <div key={index} className="kfs-option-row">
          {renderRow(row, index, (next) => onChange(rows.map((r, i) => (i === index ? next : r))))}
          <button type="button" aria-label={`Remove ${noun} ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, blank])}>
        Add {noun}
      </button>
    </fieldset>
  );
}
