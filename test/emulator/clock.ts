// The emulator's clock. Fake (the default for tests): time moves only when a test calls advance(), which runs
// every state change due by then. Real (the CLI): wall time plus any advance() offset, ticking on an interval.
export type ClockMode = 'fake' | 'real';

export class EmulatorClock {
  private fakeNow: number;
  private offset = 0;
  private readonly listeners = new Set<(now: number) => void>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly mode: ClockMode,
    start: number = Date.now(),
    tickIntervalMs = 100,
  ) {
    this.fakeNow = Math.floor(start / 1000) * 1000;
    if (mode === 'real') {
      this.timer = setInterval(() => this.tick(), tickIntervalMs);
      this.timer.unref();
    }
  }

  now(): number {
    return this.mode === 'fake' ? this.fakeNow : Date.now() + this.offset;
  }

  /** Moves time forward and applies everything due (runs progressing, schedules firing), in order. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`advance(ms) needs a non-negative number of milliseconds, got ${ms}`);
    if (this.mode === 'fake') {
      // One tick is enough: the engine replays schedules and task ends in time order up to `now`.
      this.fakeNow += ms;
      this.tick();
    } else {
      this.offset += ms;
      this.tick();
    }
  }

  /** Sets the time (fake clock only); it never goes backwards. */
  set(time: number): void {
    this.advance(Math.max(0, time - this.now()));
  }

  onTick(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tick(): void {
    const now = this.now();
    for (const listener of [...this.listeners]) listener(now);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}
