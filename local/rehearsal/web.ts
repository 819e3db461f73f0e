import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative } from 'node:path';
import sirv from 'sirv';
import type { TemplateValues, WebDeploymentSpec } from './assembly';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * The web apps as the stack deploys them: the bucket deployments' own assets from the cloud assembly, with the
 * stack values (markers) written into the files that carry them, each deployment under its key prefix, and the
 * distribution's single-page fallback to each app's index.html.
 */
export function webFromAssembly(
  deployments: WebDeploymentSpec[],
  values: TemplateValues,
): (req: IncomingMessage, res: ServerResponse) => void {
  const rendered = new Map<string, { body: string; type: string }>();
  const apps: { prefix: string; serve: Handler }[] = [];
  for (const deployment of deployments) {
    const prefix = `/${deployment.prefix}`;
    for (const source of deployment.sources) {
      const markers = Object.entries(source.markers).map(
        ([marker, value]) => [marker, JSON.stringify(String(values.resolve(value))).slice(1, -1)] as const,
      );
      if (!markers.length) {
        apps.push({ prefix, serve: sirv(source.dir, { single: true, etag: true }) as Handler });
        continue;
      }
      for (const file of files(source.dir)) {
        let body = readFileSync(file, 'utf8');
        for (const [marker, value] of markers) body = body.split(marker).join(value);
        rendered.set(`${prefix}${relative(source.dir, file)}`, {
          body,
          type: file.endsWith('.json') ? 'application/json' : 'text/plain',
        });
      }
    }
  }
  // The longest prefix first: /backoffice/ before /.
  apps.sort((a, b) => b.prefix.length - a.prefix.length);
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://web').pathname;
    const file = rendered.get(path);
    if (file)
      return void res
        .writeHead(200, { 'content-type': file.type, 'cache-control': 'no-cache' })
        .end(file.body);
    const app = apps.find((a) => path.startsWith(a.prefix) || `${path}/` === a.prefix);
    if (!app) return void res.writeHead(404).end('Not found');
    if (app.prefix !== '/') req.url = (req.url ?? '/').slice(app.prefix.length - 1) || '/';
    app.serve(req, res, () => res.writeHead(404).end('Not found'));
  };
}
