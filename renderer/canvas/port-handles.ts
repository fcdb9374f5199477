// Handle ids on the canvas: `in:NAME` for a task input, `out:NAME` for a task output.
export const inputHandle = (port: string) => `in:${port}`;
export const outputHandle = (port: string) => `out:${port}`;

export function portOfHandle(handle: string | null | undefined, side: 'in' | 'out'): string | undefined {
  const prefix = `${side}:`;
  return handle?.startsWith(prefix) ? handle.slice(prefix.length) : undefined;
}
