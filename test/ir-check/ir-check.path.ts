// Problem paths read like the YAML they point into: `components.comp-a.dag.tasks.train.inputs`, `args[2]`.

const plainKey = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

export function keyPath(base: string, key: string): string {
  if (!plainKey.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base ? `${base}.${key}` : key;
}

export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}
