// Handle ids on the canvas: `in:NAME` for a task input, `out:NAME` for a task output.
export const inputHandle = (port: string) => `in:${port}`;
export const outputHandle = (port: string) => `out:${port}`;
/** Ordering handles: drag from a task's bottom handle to another task's top handle to make it run after. */
export const ORDER_OUT = 'order:out';
export const ORDER_IN = 'order:in';

export function portOfHandle(handle: string | null | undefined, side: 'in' | 'out'): string | undefined {
  const prefix = `${side}:`;
  return handle?.startsWith(prefix) ? handle.slice(prefix.length) : undefined;
}
