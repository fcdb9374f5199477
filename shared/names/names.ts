// Names from files, clusters and people (tasks, components, executors, parameters, artifacts, groups) are data,
// never object keys that reach the prototype. A record keyed by such names is made with `nameRecord()` (no
// prototype, so `constructor` or `toString` is only a name) and read with `own()` (own properties only). `__proto__`
// is the one name a JavaScript object cannot hold as plain data, and no KFP name (a Kubernetes-style task name) can
// be it, so readers refuse it as a key anywhere in their input with KFS520.
import { KfsError, type Location } from '../errors/codes';

export const RESERVED_NAME = '__proto__';

/** An empty record for names: no prototype, so no name finds something the input did not define. */
export function nameRecord<T>(): { [name: string]: T } {
  return Object.create(null) as { [name: string]: T };
}

/** The value the record itself holds under `name`; never an inherited one (`constructor`, `toString`, ...). */
export function own<T>(record: { readonly [name: string]: T } | undefined | null, name: string): T | undefined {
  return record !== undefined && record !== null && Object.hasOwn(record, name) ? record[name] : undefined;
}

/** Whether the record itself holds `name`. */
export function hasOwnName(record: object | undefined | null, name: string): boolean {
  return record !== undefined && record !== null && Object.hasOwn(record, name);
}

/** Data a reader built itself and knows holds no `__proto__` key (the block YAML reader gives such text to js-yaml). */
const freeOfReservedKeys = new WeakSet<object>();

/** Marks data just built by a reader that refuses `__proto__` keys itself, so refuseReservedKeys need not walk it again. */
export function markFreeOfReservedKeys(value: object): void {
  freeOfReservedKeys.add(value);
}

/** Whether `__proto__` is a key anywhere in `value`: one walk without paths (a large pipeline has 100,000 nodes). */
function holdsReservedKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    if (Array.isArray(item)) {
      for (const child of item) if (child !== null && typeof child === 'object') stack.push(child);
      continue;
    }
    for (const key of Object.keys(item)) {
      if (key === RESERVED_NAME) return true;
      const child = (item as { [key: string]: unknown })[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return false;
}

/** Refuses input holding `__proto__` as a key anywhere (KFS520), with the path to it. */
export function refuseReservedKeys(value: unknown, where: Location = {}): void {
  if ((typeof value === 'object' && value !== null && freeOfReservedKeys.has(value)) || !holdsReservedKey(value)) return;
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [item, path] = stack.pop() as [unknown, string];
    if (item === null || typeof item !== 'object') continue;
    if (Array.isArray(item)) {
      item.forEach((child, i) => stack.push([child, `${path}[${i}]`]));
      continue;
    }
    for (const key of Object.keys(item)) {
      const field = path ? `${path}.${key}` : key;
      if (key === RESERVED_NAME) {
        throw new KfsError('KFS520', `"${RESERVED_NAME}" is used as a name at ${field}; Kubeflow names cannot be "${RESERVED_NAME}" and KFP Studio refuses it so it cannot reach the app's objects. Rename it.`, {
          ...where,
          field,
        });
      }
      stack.push([(item as { [key: string]: unknown })[key], field]);
    }
  }
}
