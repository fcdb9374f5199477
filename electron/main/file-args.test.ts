import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentFromArgv } from './file-args';

describe('documentFromArgv', () => {
  const cwd = path.resolve('/home/me/work');

  it('finds the document in a packaged launch, a development launch and a second instance', () => {
    expect(documentFromArgv(['/opt/KFP Studio/kfp-studio', 'flows/a.pipeline.json'], cwd)).toBe(path.join(cwd, 'flows/a.pipeline.json'));
    expect(documentFromArgv(['/usr/bin/electron', '.', '/tmp/b.pipeline.json'], cwd)).toBe(path.resolve('/tmp/b.pipeline.json'));
    expect(documentFromArgv(['kfp-studio', '--allow-file-access-from-files', '--no-sandbox', 'c.pipeline.json'], cwd)).toBe(path.join(cwd, 'c.pipeline.json'));
  });

  it('finds nothing when no document is named', () => {
    expect(documentFromArgv(['/usr/bin/electron', '.'], cwd)).toBeUndefined();
    expect(documentFromArgv(['kfp-studio', '--inspect=9229', 'notes.txt'], cwd)).toBeUndefined();
    expect(documentFromArgv(['x.pipeline.json'], cwd)).toBeUndefined();
  });
});
