// The context commands run in, assembled once per editor from the store, the host, React Flow and the shell's UI hooks.
import { useReactFlow } from '@xyflow/react';
import { createContext, useContext, useMemo } from 'react';
import { useHost } from '../host/host-context';
import { useEditorStore } from '../store/editor-context';
import type { CommandContext } from './command-registry';

export interface ShellUi {
  chooseFile: CommandContext['chooseFile'];
  focusProblems: CommandContext['focusProblems'];
}

export const ShellUiContext = createContext<ShellUi>({ chooseFile: () => undefined, focusProblems: () => undefined });

export function useCommandContext(): CommandContext {
  const store = useEditorStore();
  const host = useHost();
  const flow = useReactFlow();
  const ui = useContext(ShellUiContext);
  return useMemo(() => ({ store, host, flow, chooseFile: ui.chooseFile, focusProblems: ui.focusProblems }), [store, host, flow, ui]);
}
