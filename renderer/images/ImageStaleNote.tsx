// Under a step built from the app: whether its image still matches its build context. The host hashes the context
// again; another hash than the one kept with the step means the script (or a file beside it, or a script step's
// packages) changed since (KFS856).
import { useEffect, useState } from 'react';
import { staleWhat } from '../../shared/images/image-staleness';
import type { ImageBuildRecord, ImageBuildSource } from '../../shared/model/document';
import { useHost } from '../host/host-context';

const builtFrom = { script: 'script', folder: 'folder', packages: 'packages' } as const;

export function ImageStaleNote({ build, current = build.source }: { build: ImageBuildRecord; current?: ImageBuildSource }) {
  const host = useHost();
  const [note, setNote] = useState<string | undefined>();
  const currentKey = JSON.stringify(current);
  useEffect(() => {
    let live = true;
    const source = JSON.parse(currentKey) as ImageBuildSource;
    if (source.kind === 'packages' && !source.packages.length) {
      setNote(`KFS856: the step lists no packages any more: ${build.tag} was built with ${build.source.kind === 'packages' ? build.source.packages.join(', ') : 'others'}.`);
      return;
    }
    void host.imageContextHash({ source }).then((answer) => {
      if (!live) return;
      if (!answer.ok) setNote(`The build context cannot be checked (${answer.error.code}: ${answer.error.message})`);
      else if (answer.value.contextHash !== build.contextHash) setNote(`KFS856: the image is older than its build context: ${staleWhat(source)} since ${build.tag} was built. Build the image again.`);
      else setNote(`Built as ${build.tag} from the current ${builtFrom[source.kind]}.`);
    });
    return () => void (live = false);
  }, [host, build, currentKey]);
  return note ? <p role="status" aria-label="Image build state">{note}</p> : null;
}
