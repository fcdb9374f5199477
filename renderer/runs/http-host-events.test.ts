import { describe, expect, it } from 'vitest';
import { parseEventStream, storedToken } from './http-host-events';

describe('the web event stream reader', () => {
  it('splits server-sent events, skipping comments and keeping a partial event for the next chunk', () => {
    const first = parseEventStream(': keep-alive\n\ndata: {"subscriptionId":"s","type":"log","chunk":{"text":"a","offset":1}}\n\ndata: {"subscri');
    expect(first.events).toEqual([{ subscriptionId: 's', type: 'log', chunk: { text: 'a', offset: 1 } }]);
    const second = parseEventStream(`${first.rest}ptionId":"s","type":"end"}\n\n`);
    expect(second.events).toEqual([{ subscriptionId: 's', type: 'end' }]);
    expect(second.rest).toBe('');
  });

  it('reads the session token the page kept', () => {
    expect(storedToken({ getItem: (k: string) => (k === 'kfp-studio-token' ? 'abc' : null) })).toBe('abc');
    expect(storedToken(undefined)).toBeUndefined();
  });
});
