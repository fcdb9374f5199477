// The environment a step gets on the host: the user's own (PATH, HOME, locale, proxies: what a script run in a
// terminal would see) without what belongs to the app. KFP_STUDIO_* holds its secrets (the key its stored tokens are
// encrypted with, a cluster token); ELECTRON_* and NODE_OPTIONS change how programs started from it behave;
// NODE_CHANNEL_* is the app's own IPC channel when it was forked; npm_* (set under `npm run`) can carry a registry
// token (npm_config_//host/:_authToken).
const APP_ONLY = [/^KFP_STUDIO_/i, /^ELECTRON_/i, /^NODE_CHANNEL_/i, /^NODE_OPTIONS$/i, /^npm_/i];

export function stepEnvironment(env: NodeJS.ProcessEnv): { [name: string]: string } {
  const kept: { [name: string]: string } = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !APP_ONLY.some((pattern) => pattern.test(name))) kept[name] = value;
  }
  return kept;
}
