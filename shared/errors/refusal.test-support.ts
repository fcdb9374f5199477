// For tests: runs what should refuse its input and returns the coded refusal; anything else fails the test.
import { KfsError } from './codes';

export function refusal(run: () => unknown): KfsError {
  try {
    run();
  } catch (error) {
    if (error instanceof KfsError) return error;
    throw new Error(`not a coded refusal: ${String(error)}`, { cause: error });
  }
  throw new Error('expected a refusal, but the input was accepted');
}

/** The same for work that refuses asynchronously (a rejected promise). */
export async function asyncRefusal(promise: Promise<unknown>): Promise<KfsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KfsError) return error;
    throw new Error(`not a coded refusal: ${String(error)}`, { cause: error });
  }
  throw new Error('expected a refusal, but the work succeeded');
}
