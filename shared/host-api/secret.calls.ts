// HostApi calls for secrets (cluster tokens). A secret goes in and never comes back out over the bridge: only the
// host reads it, when it talks to a cluster.
import { z } from 'zod';

export const secretKey = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'a secret key is 1 to 128 letters, digits, ".", ":", "-" or "_"');

export const SECRET_CALLS = {
  /** How secrets are stored here; `warning` is shown to the person when they are not protected by the OS keychain. */
  secretStoreStatus: {
    request: z.strictObject({}),
    response: z.object({ available: z.boolean(), backend: z.string(), warning: z.string().optional() }),
  },
  secretSet: { request: z.strictObject({ key: secretKey, value: z.string().min(1).max(64 * 1024) }), response: z.object({}) },
  secretDelete: { request: z.strictObject({ key: secretKey }), response: z.object({ deleted: z.boolean() }) },
  secretHas: { request: z.strictObject({ key: secretKey }), response: z.object({ stored: z.boolean() }) },
} as const;
