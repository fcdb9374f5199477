// Buttons that create steps (from an image, from a script) and groups, each running its registry command.
import { memo } from 'react';
import { commandById, shortcutText } from '../commands/command-registry';
import { useCommandContext } from '../commands/command-context';

const ACTIONS: { id: string; text: string }[] = [
  { id: 'step.newImage', text: 'Image step' },
  { id: 'step.newScript', text: 'Script step' },
  { id: 'group.condition', text: 'Condition' },
  { id: 'group.parallelFor', text: 'Parallel-for' },
  { id: 'group.exitHandler', text: 'Exit handler' },
];

function CreateActionsView() {
  const ctx = useCommandContext();
  return (
    <div className="kfs-create" role="group" aria-label="Create">
      {ACTIONS.map(({ id, text }) => {
        const command = commandById(id);
        if (!command) return null;
        const keys = command.shortcuts?.[0];
        return (
          <button key={id} type="button" aria-label={command.label} title={keys ? `${command.label} (${shortcutText(keys)})` : command.label} onClick={() => void command.perform(ctx)}>
            + {text}
          </button>
        );
      })}
    </div>
  );
}

export const CreateActions = memo(CreateActionsView);
