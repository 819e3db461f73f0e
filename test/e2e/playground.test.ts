import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, serverAndBrowser } from '../support/browser';
import { ownerOverHttp, queueOverHttp } from '../support/http';

const browserAvailability = inject('browser');

describe.skipIf(!browserAvailability.chromium)("the API developer's playground in Chromium", () => {
  const setup = serverAndBrowser(browserAvailability.chromium);

  const run = (page: Page) => page.locator('.graphiql-execute-button').click();
  // Monaco renders spaces as non-breaking ones: compared as plain single spaces.
  const result = async (page: Page) =>
    (await page.locator('.graphiql-response').innerText()).replace(/[\s\u00a0]+/g, ' ');
  /** Opens a tab and waits until its editor shows `marker`. */
  const tab = (page: Page, name: string, marker: string) =>
    expect
      .poll(async () => {
        await page.locator('.graphiql-tab-button', { hasText: name }).click();
        return page.locator('.graphiql-query-editor').innerText();
      })
      .toContain(marker);
  async function setVariables(page: Page, json: string): Promise<void> {
    await page.getByRole('button', { name: 'Variables' }).click();
    await page.locator('.graphiql-editor-tool .monaco-editor').first().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(json);
    // Monaco closes braces and quotes itself: what it added after the cursor goes.
    await page.keyboard.press('Shift+ControlOrMeta+End');
    await page.keyboard.press('Delete');
  }

  it('given the playground as loaded, then its first tab runs; a subscription in one browser tab shows the join made in another', async () => {
    const { authorization } = await ownerOverHttp(setup.t.url);
    const queueId = await queueOverHttp(setup.t.url, authorization, {
      name: 'Playground queue',
      selfJoin: true,
    });
    const page = await (await setup.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${setup.t.url}/playground`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 20_000 });
    await run(page);
    await expect.poll(() => result(page), { timeout: 10_000 }).toMatch(/"queueDisplay": null/);
    expect(await result(page)).not.toMatch(/errors/);

    // One browser tab watches the queue live while another joins it.
    await tab(page, 'Watch', 'onQueueEvent');
    await setVariables(page, `{"queueId": "${queueId}"}`);
    await run(page);
    const other = await page.context().newPage();
    await other.goto(`${setup.t.url}/playground`);
    await other.locator('.graphiql-execute-button').waitFor({ timeout: 20_000 });
    await tab(other, 'Join', 'joinQueue');
    await setVariables(other, `{"queueId": "${queueId}"}`);
    await run(other);
    await expect.poll(() => result(other), { timeout: 10_000 }).toMatch(/"accessToken"/);
    await expect.poll(() => result(page), { timeout: 10_000 }).toMatch(/"kind": "JOINED"/);
    await page.screenshot({ path: `${ARTIFACTS}playground-live.png` });
    expect(errors).toEqual([]);
  });
});
