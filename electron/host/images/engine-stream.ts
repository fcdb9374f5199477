// Runs an engine command, handing its output on as it comes (build steps, push progress) and keeping the tail for
// the error a failure reports.
import { spawn } from 'node:child_process';

export interface StreamedResult {
  code: number;
  /** The last lines of output (stdout and stderr together). */
  tail: string;
}

export function runStreaming(binary: string, args: string[], onOutput: (text: string) => void, env?: NodeJS.ProcessEnv): Promise<StreamedResult> {
  return new Promise((resolve) => {
    let tail = '';
    const take = (data: Buffer): void => {
      const text = data.toString();
      tail = (tail + text).slice(-6000);
      onOutput(text);
    };
    let child;
    try {
      child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
    } catch (error) {
      resolve({ code: -1, tail: (error as Error).message });
      return;
    }
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (error) => resolve({ code: -1, tail: tail + error.message }));
    child.on('close', (code) => resolve({ code: code ?? -1, tail }));
  });
}

// Docker colours a failing step's output; an error message is plain text.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** The last `count` non-empty lines, without terminal colours. */
export function lastLines(text: string, count: number): string {
  return text.replace(ANSI, '').split('\n').map((line) => line.trimEnd()).filter(Boolean).slice(-count).join('\n');
}
