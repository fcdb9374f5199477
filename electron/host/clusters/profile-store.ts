// Cluster profiles in `<data>/profiles.json` (atomic writes). Tokens and cookies go to the SecretStore under the
// profile's id and never into this file; `list` shows whether a secret is stored, never the secret.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KfsError } from '../../../shared/errors/codes';
import { writeAtomic } from '../documents/atomic-write';
import { ensureFolder } from '../data-folder';
import type { SecretStore } from '../secrets/secret-store';
import { clusterProfileSchema, needsSecret, secretKeyOf } from './profile.types';
import type { ClusterProfile, NewClusterProfile } from './profile.types';
import type { TransportNote } from '../../../shared/host-api/cluster.calls';
import { refuseUrlCredentials, transportNotes } from './transport-notes';

const FORMAT = 'kfp-studio/profiles';

export interface ProfileSummary {
  profile: ClusterProfile;
  hasSecret: boolean;
  /** Certificate checks off, credentials over plain http, exec plugins: shown with the profile. */
  transport: TransportNote[];
}

export interface ProfileStore {
  readonly file: string;
  list(): Promise<ProfileSummary[]>;
  /** By id or by name; KFS913 when there is none. */
  get(idOrName: string): Promise<ClusterProfile>;
  /** Refuses a profile whose auth needs a secret without one, unless `requireSecret` is false (secrets given at use). */
  add(profile: NewClusterProfile, options?: { requireSecret?: boolean }): Promise<ClusterProfile>;
  /** Replaces the stored secret (a new token); the profile itself is unchanged. */
  setSecret(idOrName: string, secret: string): Promise<void>;
  /** The stored secret, else the fallback's (the CLI's KFP_STUDIO_TOKEN). */
  secretOf(profile: ClusterProfile): Promise<string | undefined>;
  remove(idOrName: string): Promise<ClusterProfile>;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'profile';
}

export interface ProfileStoreOptions {
  /** A secret to use when none is stored (the CLI passes KFP_STUDIO_TOKEN); never written anywhere. */
  fallbackSecret?: () => string | undefined;
}

export function createProfileStore(dataDir: string, secrets: SecretStore, storeOptions: ProfileStoreOptions = {}): ProfileStore {
  const file = path.join(dataDir, 'profiles.json');

  async function load(): Promise<ClusterProfile[]> {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new KfsError('KFS505', `The cluster profiles could not be read: ${error.message}`, { file });
    });
    if (text === undefined) return [];
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new KfsError('KFS505', 'The cluster profiles file is damaged (not JSON); fix or remove it and add the profiles again.', { file });
    }
    const record = raw as { format?: unknown; profiles?: unknown };
    if (record?.format !== FORMAT || !Array.isArray(record.profiles)) throw new KfsError('KFS505', 'The cluster profiles file is not in a format KFP Studio knows.', { file });
    const profiles: ClusterProfile[] = [];
    for (const item of record.profiles) {
      const parsed = clusterProfileSchema.safeParse(item);
      if (parsed.success) profiles.push(parsed.data);
    }
    return profiles;
  }

  async function save(profiles: ClusterProfile[]): Promise<void> {
    const text = `${JSON.stringify({ format: FORMAT, version: 1, profiles }, null, 2)}\n`;
    await ensureFolder(dataDir);
    await writeAtomic(file, Buffer.from(text, 'utf8'), { mode: 0o600 });
  }

  function find(profiles: ClusterProfile[], idOrName: string): ClusterProfile {
    const found = profiles.find((p) => p.id === idOrName) ?? profiles.find((p) => p.name === idOrName);
    if (!found) {
      const names = profiles.map((p) => p.name);
      throw new KfsError('KFS913', `There is no cluster profile "${idOrName}"${names.length ? ` (there are: ${names.join(', ')})` : ' (none added yet: add one first)'}.`, { field: 'profile' });
    }
    return found;
  }

  return {
    file,
    async list() {
      const profiles = await load();
      return Promise.all(profiles.map(async (profile) => ({ profile, hasSecret: await secrets.has(secretKeyOf(profile.id)), transport: transportNotes(profile) })));
    },
    async get(idOrName) {
      return find(await load(), idOrName);
    },
    async add(input, options = {}) {
      const { secret, ...rest } = input;
      const profiles = await load();
      if (profiles.some((p) => p.name === rest.name)) throw new KfsError('KFS910', `A cluster profile named "${rest.name}" exists already: choose another name or remove it first.`, { field: 'name' });
      const candidate = { ...rest, id: `${slug(rest.name)}-${randomBytes(3).toString('hex')}`, createdAt: new Date().toISOString() };
      const parsed = clusterProfileSchema.safeParse(candidate);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new KfsError('KFS910', `The cluster profile is not valid: ${issue?.path.join('.') || 'profile'}: ${issue?.message ?? 'invalid'}.`, { field: issue?.path.join('.') ?? '' });
      }
      const profile = parsed.data;
      if (profile.kind === 'kfp' && profile.connection.mode === 'url') refuseUrlCredentials(profile.connection.url);
      if (needsSecret(profile) && (secret || options.requireSecret !== false)) {
        if (!secret) throw new KfsError('KFS910', `This profile uses ${profile.kind === 'kfp' && profile.connection.mode === 'url' && profile.connection.auth === 'cookie' ? 'a session cookie' : 'a bearer token'}: give it (it is kept in the secret store, not in the profile).`, { field: 'secret' });
        if (profile.kind === 'kfp' && profile.connection.mode === 'url' && profile.connection.auth === 'cookie' && !/^[^=;\s]+=[^;]*$/.test(secret.trim())) {
          throw new KfsError('KFS910', 'A session cookie is given as NAME=VALUE (for Kubeflow usually authservice_session=...).', { field: 'secret' });
        }
        await secrets.set(secretKeyOf(profile.id), secret.trim());
      }
      await save([...profiles, profile]);
      return profile;
    },
    async setSecret(idOrName, secret) {
      const profile = find(await load(), idOrName);
      await secrets.set(secretKeyOf(profile.id), secret.trim());
    },
    async secretOf(profile) {
      const stored = await secrets.get(secretKeyOf(profile.id));
      return stored ?? storeOptions.fallbackSecret?.();
    },
    async remove(idOrName) {
      const profiles = await load();
      const profile = find(profiles, idOrName);
      await save(profiles.filter((p) => p.id !== profile.id));
      await secrets.delete(secretKeyOf(profile.id));
      return profile;
    },
  };
}
