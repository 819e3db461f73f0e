import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { configure } from '../../shared/amplify-client';

configure()
  .then(() => bootstrapApplication(App, appConfig))
  .catch((error: unknown) => {
    document.body.textContent = `Queue Manager could not start: ${String(error)}`;
  });
