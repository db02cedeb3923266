/** The staff console: loads where the API is, then the app. */
import { render } from 'preact';
import { App } from './app.tsx';
import { loadConfig } from './api.ts';
import './console.css';

const root = document.getElementById('app');
if (root) {
  loadConfig().then(
    (config) => render(<App config={config} />, root),
    () => {
      root.textContent =
        'La console ne trouve pas sa configuration (config.json). / The console cannot find its configuration.';
    },
  );
}
