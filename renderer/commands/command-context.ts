// The context commands run in, assembled once per editor from the store, the host and React Flow.
import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { useHost } from '../host/host-context';
import { useEditorStore } from '../store/editor-context';
import type { CommandContext } from './command-registry';

export function useCommandContext(): CommandContext {
  const store = useEditorStore();
  const host = useHost();
  const flow = useReactFlow();
  return useMemo(() => ({ store, host, flow }), [store, host, flow]);
}
