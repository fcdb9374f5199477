// Names in the IR follow the KFP SDK: lower-case, `-` separated, `comp-`/`exec-` prefixes,
// uniqueness by appending `-2`, `-3`, ... and `pipelinechannel--` for values passed into sub-DAGs.

export const CHANNEL_PREFIX = 'pipelinechannel--';

const SANITIZED = /^(?:[0-9a-z]+(?:-[0-9a-z]+)*)?$/;

/** The SDK's `sanitize_k8s_name`: lower case, runs of other characters become one `-`, no `-` at the ends. */
export function sanitizeName(name: string): string {
  // Most names are already sanitized (task and component ids); checking is cheaper than rewriting three times.
  if (SANITIZED.test(name)) return name;
  return name
    .toLowerCase()
    .replace(/[^-0-9a-z]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Gives out unique names: the first request for a base gets it (unless reserved by someone else), later ones `base-N`. */
export class NameAllocator {
  private readonly taken = new Set<string>();
  private readonly reserved = new Set<string>();
  private readonly next = new Map<string, number>();

  /** Keeps `name` for a later `claim(name)`; `unique(base)` will not hand it out. */
  reserve(name: string): void {
    this.reserved.add(name);
  }

  /** Takes a reserved (or free) name as is; falls back to a unique variant when it is already taken. */
  claim(name: string): string {
    if (!this.taken.has(name)) {
      this.taken.add(name);
      return name;
    }
    return this.unique(name);
  }

  unique(base: string): string {
    if (!this.taken.has(base) && !this.reserved.has(base)) {
      this.taken.add(base);
      return base;
    }
    // Names only ever become taken or reserved, so the search for a base resumes where it last stopped.
    for (let n = this.next.get(base) ?? 2; ; n++) {
      const candidate = `${base}-${n}`;
      if (!this.taken.has(candidate) && !this.reserved.has(candidate)) {
        this.taken.add(candidate);
        this.next.set(base, n + 1);
        return candidate;
      }
    }
  }
}

export function channelName(name: string): string {
  return `${CHANNEL_PREFIX}${name}`;
}

/** The placeholder the SDK writes for a task input inside a constant string (f-strings) or a resource field. */
export function inputPlaceholder(inputName: string): string {
  return `{{$.inputs.parameters['${inputName}']}}`;
}
