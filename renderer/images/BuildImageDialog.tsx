// "Build image" for an image step: from a folder with a Dockerfile/Containerfile, or from a script and its
// requirements (the Dockerfile the app writes from the chosen Python base image is shown before building). The host
// builds with Docker or Podman, streams the log (polled by offset), pushes with the engine's own login and answers
// the reference pinned by digest, which becomes the step's image together with the build record (context hash). The
// dialog stays open on its log and result until closed.
// For a script step the source is fixed: its packages installed on its base image (the Dockerfile is shown too).
import { useEffect, useRef, useState } from 'react';
import type { HostError } from '../../shared/host-api/host-result';
import { generateDockerfile, generatePackagesDockerfile, PYTHON_BASE_IMAGES } from '../../shared/images/dockerfile.generate';
import type { ImageBuildRecord, ImageBuildSource } from '../../shared/model/document';
import { useHost } from '../host/host-context';

export interface BuildImageDialogProps {
  /** The last build of this step, to start from. */
  previous?: ImageBuildRecord;
  /** A script step's packages and base image: the only thing built (no folder or script to choose). */
  packages?: { packages: string[]; baseImage: string };
  onBuilt: (image: string, build: ImageBuildRecord) => void;
  onClose: () => void;
}

const POLL_MS = 400;

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function previewDockerfile(script: string, requirements: string, baseImage: string): string {
  try {
    return generateDockerfile({ scriptName: baseName(script.trim()) || 'script.py', hasRequirements: requirements.trim() !== '', baseImage: baseImage.trim() });
  } catch (error) {
    return `# ${(error as Error).message}`;
  }
}

function previewPackagesDockerfile(baseImage: string): string {
  try {
    return generatePackagesDockerfile(baseImage);
  } catch (error) {
    return `# ${(error as Error).message}`;
  }
}

export function BuildImageDialog({ previous, packages, onBuilt, onClose }: BuildImageDialogProps) {
  const host = useHost();
  const prev = previous?.source;
  const [kind, setKind] = useState<ImageBuildSource['kind']>(prev?.kind ?? 'script');
  const [dir, setDir] = useState(prev?.kind === 'folder' ? prev.dir : '');
  const [script, setScript] = useState(prev?.kind === 'script' ? prev.script : '');
  const [requirements, setRequirements] = useState(prev?.kind === 'script' ? (prev.requirements ?? '') : '');
  const [baseImage, setBaseImage] = useState(prev?.kind === 'script' ? prev.baseImage : PYTHON_BASE_IMAGES[0]);
  const [tag, setTag] = useState(previous?.tag ?? '');
  const [push, setPush] = useState(true);
  // pip needs the network to install a script step's packages.
  const [network, setNetwork] = useState(packages !== undefined);
  const [log, setLog] = useState('');
  const [phase, setPhase] = useState<'idle' | 'building' | 'pushing' | 'done' | 'failed'>('idle');
  const [error, setError] = useState<HostError | undefined>();
  const [built, setBuilt] = useState<string | undefined>();
  const cancelled = useRef(false);
  // Set again on (re)mount: StrictMode mounts twice, and a flag left true by the first unmount stopped the polling.
  useEffect(() => {
    cancelled.current = false;
    return () => void (cancelled.current = true);
  }, []);

  const source: ImageBuildSource = packages
    ? { kind: 'packages', ...packages }
    : kind === 'folder'
      ? { kind: 'folder', dir: dir.trim() }
      : { kind: 'script', script: script.trim(), baseImage: baseImage.trim(), ...(requirements.trim() ? { requirements: requirements.trim() } : {}) };
  const ready = tag.trim() !== '' && (packages ? packages.packages.length > 0 : kind === 'folder' ? dir.trim() !== '' : script.trim() !== '' && baseImage.trim() !== '');
  const busy = phase === 'building' || phase === 'pushing';

  const build = async () => {
    setLog('');
    setError(undefined);
    setPhase('building');
    const started = await host.imageBuildStart({ source, tag: tag.trim(), push, ...(network ? { network: 'default' as const } : {}) });
    if (!started.ok) {
      setError(started.error);
      setPhase('failed');
      return;
    }
    let offset = 0;
    while (!cancelled.current) {
      const status = await host.imageBuildStatus({ jobId: started.value.jobId, logOffset: offset });
      if (!status.ok) {
        setError(status.error);
        setPhase('failed');
        return;
      }
      offset = status.value.logOffset;
      if (status.value.log) setLog((text) => text + status.value.log);
      setPhase(status.value.state);
      if (status.value.state === 'failed') {
        setError(status.value.error);
        return;
      }
      if (status.value.state === 'done' && status.value.result) {
        const result = status.value.result;
        setBuilt(result.pinned ?? result.tag);
        onBuilt(result.pinned ?? result.tag, { source, contextHash: result.contextHash, tag: result.tag, builtAt: new Date().toISOString() });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };

  return (
    <div className="kfs-dialog-backdrop">
      <div className="kfs-dialog" role="dialog" aria-modal="true" aria-label="Build image" onKeyDown={(e) => e.key === 'Escape' && !busy && onClose()}>
        <h2>Build image</h2>
        {packages ? (
          <>
            <p>
              Installs {packages.packages.join(', ')} on {packages.baseImage}: the step then runs without installing anything.
            </p>
            <label className="kfs-field">
              <span>Dockerfile KFP Studio writes</span>
              <pre aria-label="Generated Dockerfile" className="kfs-code">
                {previewPackagesDockerfile(packages.baseImage)}
              </pre>
            </label>
          </>
        ) : (
          <>
            <fieldset className="kfs-field" disabled={busy}>
              <legend>Build from</legend>
              <label>
                <input type="radio" name="build-from" checked={kind === 'script'} onChange={() => setKind('script')} /> a script and its requirements
              </label>
              <label>
                <input type="radio" name="build-from" checked={kind === 'folder'} onChange={() => setKind('folder')} /> a folder with a Dockerfile or Containerfile
              </label>
            </fieldset>
            {kind === 'folder' ? (
              <label className="kfs-field">
                <span>Folder</span>
                <input aria-label="Build folder" placeholder="/home/me/steps/train" value={dir} disabled={busy} onChange={(e) => setDir(e.target.value)} />
              </label>
            ) : (
              <>
                <label className="kfs-field">
                  <span>Script</span>
                  <input aria-label="Script file" placeholder="/home/me/steps/train.py" value={script} disabled={busy} onChange={(e) => setScript(e.target.value)} />
                </label>
                <label className="kfs-field">
                  <span>Requirements (optional)</span>
                  <input aria-label="Requirements file" placeholder="/home/me/steps/requirements.txt" value={requirements} disabled={busy} onChange={(e) => setRequirements(e.target.value)} />
                </label>
                <label className="kfs-field">
                  <span>Python base image</span>
                  <input aria-label="Base image" list="kfs-python-bases" value={baseImage} disabled={busy} onChange={(e) => setBaseImage(e.target.value)} />
                  <datalist id="kfs-python-bases">
                    {PYTHON_BASE_IMAGES.map((image) => (
                      <option key={image} value={image} />
                    ))}
                  </datalist>
                </label>
                <label className="kfs-field">
                  <span>Dockerfile KFP Studio writes</span>
                  <pre aria-label="Generated Dockerfile" className="kfs-code">
                    {previewDockerfile(script, requirements, baseImage)}
                  </pre>
                </label>
              </>
            )}
          </>
        )}
        <label className="kfs-field">
          <span>Image name</span>
          <input aria-label="Image name" placeholder="127.0.0.1:5000/team/train:v1" value={tag} disabled={busy} onChange={(e) => setTag(e.target.value)} />
        </label>
        <label>
          <input type="checkbox" checked={push} disabled={busy} onChange={(e) => setPush(e.target.checked)} /> Push to its registry (uses your docker login / podman login; nothing is stored here)
        </label>
        <label>
          <input type="checkbox" checked={network} disabled={busy} onChange={(e) => setNetwork(e.target.checked)} /> Network during the build (needed to pip install requirements)
        </label>
        {phase !== 'idle' && (
          <p role="status" aria-label="Build progress">
            {phase === 'building' ? 'Building…' : phase === 'pushing' ? 'Pushing…' : phase === 'done' ? `Built: the step now runs ${built ?? ''}.` : 'Failed.'}
          </p>
        )}
        {log && (
          <pre aria-label="Build log" className="kfs-code" style={{ maxHeight: '16em', overflow: 'auto' }}>
            {log}
          </pre>
        )}
        {error && (
          <p role="alert">
            {error.code}: {error.message}
          </p>
        )}
        <div className="kfs-dialog-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            Close
          </button>
          <button type="button" className="kfs-primary" disabled={!ready || busy} onClick={() => void build()}>
            Build image
          </button>
        </div>
      </div>
    </div>
  );
}
