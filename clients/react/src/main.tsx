import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { configure } from '../../shared/amplify-client';
import { LanguageProvider } from './i18n';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
configure().then(
  () =>
    root.render(
      <StrictMode>
        <LanguageProvider>
          <App />
        </LanguageProvider>
      </StrictMode>,
    ),
  (error: unknown) => {
    root.render(<p role="alert">Queue Manager could not load its configuration: {String(error)}</p>);
  },
);
