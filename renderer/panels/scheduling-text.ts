// Compact text forms of the affinity and init-container settings, for one-line fields in the inspector:
// rules as `key In a,b; other Exists`, maps as `a=1, b=2`, lists as `a, b`. Parsing never loses a value it can read.
import type { SelectorRequirement } from '../../shared/model/document';

export function listToText(list: readonly string[] | undefined): string {
  return (list ?? []).join(', ');
}

export function textToList(text: string): string[] | undefined {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

export function mapToText(map: { [key: string]: string } | undefined): string {
  return Object.entries(map ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
}

export function textToMap(text: string): { [key: string]: string } | undefined {
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      return at < 0 ? [pair, ''] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

export function rulesToText(rules: readonly SelectorRequirement[] | undefined): string {
  return (rules ?? []).map((r) => [r.key, r.operator, (r.values ?? []).join(',')].filter(Boolean).join(' ')).join('; ');
}

/** `key Operator v1,v2` per rule, separated by `;`; the validator reports a rule with an unknown operator. */
export function textToRules(text: string): SelectorRequirement[] | undefined {
  const rules = text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((rule): SelectorRequirement => {
      const [key = '', operator = '', ...rest] = rule.split(/\s+/);
      const values = rest.join(' ').split(',').map((v) => v.trim()).filter(Boolean);
      return { key, operator, ...(values.length ? { values } : {}) };
    });
  return rules.length ? rules : undefined;
}
