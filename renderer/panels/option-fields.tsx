// Small form fields for the inspector's task options: text committed on blur or Enter, selects, checkboxes and
// editable row lists. A field given its document path (`options.secrets[0].key`) shows the validator's problems
// located there beside itself, as the Problems panel lists them.
import { createContext, useContext, useId, type ReactNode } from 'react';
import type { Diagnostic } from '../../shared/errors/codes';

/** The selected task's option problems by field path (`options.pvcs[1].mountPath`). */
export const OptionProblemsContext = createContext<ReadonlyMap<string, readonly Diagnostic[]>>(new Map());

export function problemsByField(diagnostics: readonly Diagnostic[], task: string): Map<string, Diagnostic[]> {
  const map = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const field = d.location.field;
    if (d.location.task !== task || d.location.graph !== undefined || !field?.startsWith('options')) continue;
    const list = map.get(field);
    if (list) list.push(d);
    else map.set(field, [d]);
  }
  return map;
}

/** aria props and the messages to show beside a field at `field`. */
function useFieldProblems(field: string | undefined): { aria: { 'aria-invalid'?: true; 'aria-describedby'?: string }; note: ReactNode } {
  const problems = useContext(OptionProblemsContext).get(field ?? '') ?? [];
  const id = useId();
  if (field === undefined || problems.length === 0) return { aria: {}, note: null };
  return {
    aria: { 'aria-invalid': true, 'aria-describedby': id },
    note: (
      <span className="kfs-field-problem" id={id}>
        {problems.map((d) => `${d.code} ${d.message}`).join(' ')}
      </span>
    ),
  };
}

/** The problems at a field that has no single input of its own (a value picker, a whole row). */
export function FieldProblems({ field }: { field: string }) {
  return useFieldProblems(field).note;
}

export function OptionText({ label, value, placeholder, field, onCommit }: { label: string; value: string; placeholder?: string; field?: string; onCommit: (value: string) => void }) {
  const { aria, note } = useFieldProblems(field);
  return (
    <label className="kfs-field kfs-option">
      <span>{label}</span>
      <input
        aria-label={label}
        {...aria}
        defaultValue={value}
        key={value}
        placeholder={placeholder}
        onBlur={(e) => e.target.value !== value && onCommit(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
      {note}
    </label>
  );
}

export function OptionSelect<T extends string>({
  label,
  value,
  choices,
  field,
  onChange,
}: {
  label: string;
  value: T | '';
  choices: readonly { value: T | ''; label: string }[];
  field?: string;
  onChange: (value: T | '') => void;
}) {
  const { aria, note } = useFieldProblems(field);
  return (
    <label className="kfs-field kfs-option">
      <span>{label}</span>
      <select aria-label={label} {...aria} value={value} onChange={(e) => onChange(e.target.value as T | '')}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {note}
    </label>
  );
}

export function OptionCheck({ label, checked, field, onChange }: { label: string; checked: boolean; field?: string; onChange: (checked: boolean) => void }) {
  const { aria, note } = useFieldProblems(field);
  return (
    <label className="kfs-inline">
      <input type="checkbox" aria-label={label} {...aria} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
      {note}
    </label>
  );
}

/** A list of rows (env vars, secrets, volumes, ...): each row's fields, a remove button, and an add button. */
/**
 * A group of options folded to one line that says what is set ("none" when nothing): twenty groups open at once
 * bury a task's inputs. It opens on a click, and by itself when a problem is located in it (see focusProblemField).
 */
export function OptionGroup({ title, summary, children }: { title: string; summary: string; children: ReactNode }) {
  return (
    <details className="kfs-option-group">
      <summary>
        <span className="kfs-option-group-title">{title}</span> <span className="kfs-option-group-summary">{summary}</span>
      </summary>
      {children}
    </details>
  );
}

/** `none`, or how many rows (`2 toleration(s)`). */
export function rowsSummary(count: number, noun: string): string {
  return count === 0 ? 'none' : `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function RowList<T>({ title, noun, rows, blank, renderRow, onChange }: { title: string; noun: string; rows: readonly T[]; blank: T; renderRow: (row: T, index: number, update: (row: T) => void) => ReactNode; onChange: (rows: T[]) => void }) {
  return (
    <OptionGroup title={title} summary={rowsSummary(rows.length, noun)}>
      <fieldset className="kfs-option-rows" aria-label={title}>
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
    </OptionGroup>
  );
}

/**
 * Key/value rows of a string map (node selector, pod labels, pod annotations). `field` is the map's path; the
 * validator locates a problem with one entry at `field.key`.
 */
export function KeyValueRows({ title, noun, map, field, onChange }: { title: string; noun: string; map: { [key: string]: string } | undefined; field: string; onChange: (map: { [key: string]: string } | undefined) => void }) {
  const rows = Object.entries(map ?? {});
  const cap = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <RowList<[string, string]>
      title={title}
      noun={noun}
      rows={rows}
      blank={['', '']}
      onChange={(next) => onChange(next.length ? Object.fromEntries(next) : undefined)}
      renderRow={(row, i, update) => (
        <>
          <OptionText label={`${cap} ${i + 1} key`} value={row[0]} onCommit={(key) => update([key, row[1]])} />
          <OptionText label={`${cap} ${i + 1} value`} value={row[1]} field={`${field}.${row[0]}`} onCommit={(value) => update([row[0], value])} />
        </>
      )}
    />
  );
}
