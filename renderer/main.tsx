// Web-mode entry: the token comes from the URL the server printed; the HostApi goes over HTTP to that server.
import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHttpHostApi, takeToken } from './host/http-host-api';
import { App } from './shell/App';

const root = createRoot(document.getElementById('root') as HTMLElement);
const token = takeToken(window.location, window.history, window.sessionStorage);
if (token) {
  root.render(
    <StrictMode>
      <App host={createHttpHostApi(token)} />
    </StrictMode>,
  );
} else {
  root.render(<p className="kfs-no-token">Open KFP Studio with the URL printed by <code>npm run web</code> (it carries this session&apos;s token).</p>);
}
