// Web-mode entry: the token comes from the URL the server printed; the HostApi goes over HTTP to that server.
import '@xyflow/react/dist/style.css';
import './styles.css';
import './editing.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHttpHostApi, takeToken } from './host/http-host-api';
import { desktopBridge } from './host/desktop-bridge';
import { App } from './shell/App';

const root = createRoot(document.getElementById('root') as HTMLElement);
// The desktop app's preload provides the host; in a browser the token comes from the URL `npm run web` printed.
const desktop = desktopBridge();
const token = desktop ? undefined : takeToken(window.location, window.history, window.sessionStorage);
const host = desktop ?? (token ? createHttpHostApi(token) : undefined);
// `?example=ID` opens that bundled example at start, once: it leaves the address so a reload reopens what is open then.
const exampleId = new URLSearchParams(window.location.search).get('example') ?? undefined;
if (exampleId !== undefined) window.history.replaceState(null, '', window.location.pathname + window.location.hash);
if (host) {
  root.render(
    <StrictMode>
      <App host={host} exampleId={exampleId} />
    </StrictMode>,
  );
} else {
  root.render(<p className="kfs-no-token">Open KFP Studio with the URL printed by <code>npm run web</code> (it carries this session&apos;s token).</p>);
}
