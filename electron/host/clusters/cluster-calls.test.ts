// The server's words shown to a person, from the three error shapes a KFP deployment answers (shapes from
// backend/src/common/util/error.go ToGRPCError and the upload server's writeErrorToResponse).
import { describe, expect, it } from 'vitest';
import { serverMessageOf } from './cluster-calls';

const answer = (body: unknown) => ({ status: 400, headers: { 'content-type': 'application/json' }, text: JSON.stringify(body) });

describe('serverMessageOf', () => {
  it('takes the user message of a gRPC error (details[0].error_message), not the internal chain in message', () => {
    const body = {
      code: 3,
      message: 'Failed to create a run: Invalid input error: Pipeline input "rows" is required',
      details: [{ '@type': 'type.googleapis.com/api.Error', error_message: 'Pipeline input "rows" is required', error_details: 'Failed to create a run: Invalid input error: Pipeline input "rows" is required' }],
    };
    expect(serverMessageOf(answer(body))).toBe('Pipeline input "rows" is required');
  });

  it("takes the user's part of an upload error, whose error_message is the chain", () => {
    const chain = 'Failed to create a pipeline and a pipeline version: Invalid input error: pipeline name must match ^[a-z0-9]';
    expect(serverMessageOf(answer({ error_message: chain, error_details: chain }))).toBe('pipeline name must match ^[a-z0-9]');
    expect(serverMessageOf(answer({ error_message: 'Error creating pipeline', error_details: 'x' }))).toBe('Error creating pipeline');
  });

  it('reads a Kubernetes Status and a gRPC error without details', () => {
    expect(serverMessageOf(answer({ kind: 'Status', message: 'pods "x" not found' }))).toBe('pods "x" not found');
    expect(serverMessageOf(answer({ code: 5, message: 'not found' }))).toBe('not found');
    expect(serverMessageOf({ status: 502, headers: {}, text: ' bad gateway ' })).toBe('bad gateway');
  });
});
