import { memo } from 'react';
import { useEditor } from '../store/editor-context';
import { selectStatus } from '../store/selectors';

function StatusLineView() {
  const status = useEditor(selectStatus);
  return (
    <div className="kfs-status" role="status">
      {status}
    </div>
  );
}

export const StatusLine = memo(StatusLineView);
