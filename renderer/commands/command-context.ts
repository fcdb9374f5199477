// The context commands run in, assembled once per editor from the store, the host and React Flow.
import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { useHost } from '../host/host-context';
import { useEditorStore } from '../store/editor-context';
import { useUiStores } from '../store/ui-stores';
import type { CommandContext } from './command-registry';

export function useCommandContext(): CommandContext {
  const store = useEditorStore();
  const host = useHost();
  const flow = useReactFlow();
  const ui = useUiStores();
  return useMemo(() => ({ store, host, flow, ui }), [store, host, flow, ui]);
}
