import { describe, expect, inject, it } from 'vitest';
import { serverAndBrowser } from '../support/browser';

const browserAvailability = inject('browser');

describe.skipIf(!browserAvailability.chromium)(
  'the apps as served: headers, compression, caching, no console errors',
  () => {
    const setup = serverAndBrowser(browserAvailability.chromium);

    it('given each app page at phone size, then CSP and frame protection, a title and description, no 404 and no console error', async () => {
      for (const path of [
        '/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        '/j/00000000-0000-4000-8000-000000000000',
        '/backoffice/login',
      ]) {
        const page = await (
          await setup.browser.newContext({ viewport: { width: 390, height: 844 } })
        ).newPage();
        const problems: string[] = [];
        page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
        page.on('response', (r) => r.status() === 404 && problems.push(`404 ${r.url()}`));
        const response = await page.goto(`${setup.t.url}${path}`);
        await page.waitForLoadState('networkidle');
        const headers = response!.headers();
        expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
        expect(headers['x-frame-options'], path).toBe('DENY');
        expect(headers['cache-control'], path).toBe('no-cache');
        expect(await page.title(), path).toMatch(/Queue Manager/);
        expect(await page.locator('meta[name="description"]').getAttribute('content'), path).toBeTruthy();
        // The ticket page asks for a ticket that does not exist: the API answers, nothing 404s or logs an error.
        expect(problems, path).toEqual([]);
        await page.context().close();
      }
    });

    it('given a hashed build file, then brotli or gzip as asked, cached for a year as immutable; its source map is not served', async () => {
      const html = await (await fetch(`${setup.t.url}/`)).text();
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
      const br = await fetch(`${setup.t.url}${script}`, { headers: { 'accept-encoding': 'br' } });
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const gz = await fetch(`${setup.t.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      const compressed = Number(br.headers.get('content-length'));
      const plain = await fetch(`${setup.t.url}${script}`, { headers: { 'accept-encoding': 'identity' } });
      expect(compressed).toBeLessThan(Number(plain.headers.get('content-length')) / 3);
      expect((await fetch(`${setup.t.url}${script}.map`)).status).toBe(404);
      expect(await (await fetch(`${setup.t.url}${script}`)).text()).not.toContain('sourceMappingURL');
    });
  },
);
