// A hook for tests to count task node renders (how the canvas proves an untouched node is not re-rendered).
export const renderProbe: { onTaskRender: ((taskId: string) => void) | undefined } = { onTaskRender: undefined };
