// The HostApi over HTTP (web mode): one POST per call, with the per-launch token from the page's URL fragment.
import { HOST_CALL_NAMES, type HostApi, type HostCallName } from '../../shared/host-api/host-api.calls';
import { fail, type HostResult } from '../../shared/host-api/host-result';

const TOKEN_HEADER = 'x-kfs-token';
const TOKEN_KEY = 'kfp-studio-token';

/** Takes the token from `#token=...` (then removes it from the address bar), or from this tab's earlier visit. */
export function takeToken(location: Location, history: History, storage: Storage): string | undefined {
  const match = /[#&]token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return storage.getItem(TOKEN_KEY) ?? undefined;
}

export function createHttpHostApi(token: string, baseUrl = ''): HostApi {
  const callOne = async (name: HostCallName, request: unknown): Promise<HostResult<unknown>> => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(request),
      });
    } catch (error) {
      return fail('KFS505', `The KFP Studio server did not answer (${(error as Error).message}). Is \`npm run web\` still running?`);
    }
    if (response.status === 401) return fail('KFS701', 'The session token was refused: open the URL printed by `npm run web` again.');
    const text = await response.text();
    try {
      return JSON.parse(text) as HostResult<unknown>;
    } catch {
      return fail('KFS701', `The server answered ${response.status}: ${text.slice(0, 200)}`);
    }
  };
  return Object.fromEntries(HOST_CALL_NAMES.map((name) => [name, (request: unknown) => callOne(name, request)])) as unknown as HostApi;
}
