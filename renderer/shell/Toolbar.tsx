// The toolbar: one button per toolbar command of the registry, with its shortcut in the tooltip; and the file
// actions' dialogs (New, Open, Save As, Compile), which the toolbar's file commands open.
import { memo } from 'react';
import { COMMANDS, shortcutText } from '../commands/command-registry';
import { useCommandContext } from '../commands/command-context';
import { useCommandState } from '../commands/use-shortcuts';
import { FileDialogs } from '../files/FileDialogs';

const TOOLBAR = COMMANDS.filter((c) => c.toolbar);
const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

function ToolbarView() {
  const ctx = useCommandContext();
  const state = useCommandState();
  return (
    <>
      <div className="kfs-toolbar" role="toolbar" aria-label="Editor">
        <span className="kfs-brand">KFP Studio</span>
        {TOOLBAR.map((command) => {
          const reason = command.disabled?.(state);
          const keys = command.shortcuts?.[0];
          return (
            <button
              key={command.id}
              type="button"
              disabled={reason !== undefined}
              title={reason ?? (keys ? `${command.label} (${shortcutText(keys, isMac)})` : command.label)}
              onClick={() => void command.perform(ctx)}
            >
              {command.label}
            </button>
          );
        })}
      </div>
      <FileDialogs />
    </>
  );
}

export const Toolbar = memo(ToolbarView);
