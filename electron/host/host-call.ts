// Wraps a service function as a host call: untrusted input is parsed with the call's schema; every outcome is an envelope.
import type { z } from 'zod';
import { HOST_CALLS, type HostCallName, type HostResponse } from '../../shared/host-api/host-api.calls';
import { fail, failFrom, ok, type HostResult } from '../../shared/host-api/host-result';

type Parsed<N extends HostCallName> = z.output<(typeof HOST_CALLS)[N]['request']>;

export function hostCall<N extends HostCallName>(
  name: N,
  run: (request: Parsed<N>) => Promise<HostResponse<N>>,
): (input: unknown) => Promise<HostResult<HostResponse<N>>> {
  const schema = HOST_CALLS[name].request;
  return async (input) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') ?? '';
      return fail('KFS701', `The request to ${name} is not valid${field ? ` at ${field}` : ''}: ${issue?.message ?? 'unknown problem'}.`, field ? { field } : undefined);
    }
    try {
      return ok(await run(parsed.data as Parsed<N>));
    } catch (error) {
      return failFrom(error);
    }
  };
}
