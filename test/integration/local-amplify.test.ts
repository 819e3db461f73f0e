import { inject } from 'vitest';
import { describeAmplifyFlows } from '../support/amplify-flows';
import { startTestServer, type ServerMode } from '../support/local-server';

const services = inject('services');

for (const [mode, enabled] of [
  ['embedded', true],
  ['services', services.mysql && services.redis],
] as [ServerMode, boolean][])
  describeAmplifyFlows(`the local server (${mode})`, enabled, async () => {
    const t = await startTestServer(mode);
    return { url: t.url, subscriptions: async () => t.server.gateway.hub.size, cleanup: t.cleanup };
  });
