// The one line a folded group of run options shows: what is set, in a few words, or "defaults".
import type { TaskOptions } from '../../shared/model/document';

export function runOptionsSummary(options: TaskOptions): string {
  const parts: string[] = [];
  if (options.caching === false) parts.push('no caching');
  if (options.cacheKey) parts.push(`cache key ${options.cacheKey}`);
  if (options.ignoreUpstreamFailure) parts.push('runs after failures');
  if (options.retry) parts.push(`${options.retry.maxRetryCount} retr${options.retry.maxRetryCount === 1 ? 'y' : 'ies'}`);
  if (options.activeDeadlineSeconds !== undefined) parts.push(`limit ${options.activeDeadlineSeconds} s`);
  const r = options.resources;
  if (r?.cpuRequest || r?.cpuLimit) parts.push(`CPU ${[r.cpuRequest, r.cpuLimit].filter(Boolean).join('–')}`);
  if (r?.memoryRequest || r?.memoryLimit) parts.push(`memory ${[r.memoryRequest, r.memoryLimit].filter(Boolean).join('–')}`);
  if (r?.accelerator) parts.push(`${r.accelerator.count} × ${r.accelerator.type || 'accelerator'}`);
  if (options.imagePullPolicy) parts.push(`pull ${options.imagePullPolicy}`);
  return parts.length ? parts.join(' · ') : 'defaults';
}
