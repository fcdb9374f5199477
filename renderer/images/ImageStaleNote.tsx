// Under a step built from the app: whether its image still matches its build context. The host hashes the context
// again; another hash than the one kept with the step means the script (or a file beside it) changed since (KFS856).
import { useEffect, useState } from 'react';
import type { ImageBuildRecord } from '../../shared/model/document';
import { useHost } from '../host/host-context';

export function ImageStaleNote({ build }: { build: ImageBuildRecord }) {
  const host = useHost();
  const [note, setNote] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void host.imageContextHash({ source: build.source }).then((answer) => {
      if (!live) return;
      if (!answer.ok) setNote(`The build context cannot be checked (${answer.error.code}: ${answer.error.message})`);
      else if (answer.value.contextHash !== build.contextHash) setNote(`KFS856: the image is older than its build context: ${build.source.kind === 'script' ? 'the script or its requirements' : 'files in the build folder'} changed since ${build.tag} was built. Build the image again.`);
      else setNote(`Built as ${build.tag} from the current ${build.source.kind === 'script' ? 'script' : 'folder'}.`);
    });
    return () => void (live = false);
  }, [host, build]);
  return note ? <p role="status" aria-label="Image build state">{note}</p> : null;
}
