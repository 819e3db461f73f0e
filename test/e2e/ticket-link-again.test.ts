import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, logInThroughPage, serverAndBrowser } from '../support/browser';
import { ownerOverHttp, queueOverHttp, ticketOverHttp } from '../support/http';

const browserAvailability = inject('browser');

describe.skipIf(!browserAvailability.chromium)("showing an earlier person's ticket link again", () => {
  const setup = serverAndBrowser(browserAvailability.chromium);

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ])
    it(`given two people added earlier, when staff asks for the first one's link at ${viewport.width}x${viewport.height}, then after confirming a new link and QR show, the new link follows the ticket and the old one no longer does`, async () => {
      const { authorization, email } = await ownerOverHttp(setup.t.url);
      const queueId = await queueOverHttp(setup.t.url, authorization, { name: 'Cartório' });
      const oldToken = await ticketOverHttp(setup.t.url, authorization, queueId, 'Ana');
      await ticketOverHttp(setup.t.url, authorization, queueId, 'Bia');

      const context = await setup.browser.newContext({ viewport });
      const page = await context.newPage();
      await logInThroughPage(page, setup.t.url, email);
      await page.goto(`${setup.t.url}/backoffice/queues/${queueId}`);
      await page.getByRole('button', { name: "Show Ana's link again" }).click();
      const question = page.getByRole('alertdialog', { name: 'Number 1 — Ana' });
      await question.getByText('the link Ana has now stops working').waitFor();
      // Asking is not replacing: until staff confirms, the link Ana holds still works.
      await question.getByRole('button', { name: 'Cancel' }).click();
      await question.waitFor({ state: 'detached' });
      const ticketPage = await context.newPage();
      await ticketPage.goto(`${setup.t.url}/t/${oldToken}`);
      await ticketPage.getByText('Your number', { exact: true }).waitFor();

      await page.getByRole('button', { name: "Show Ana's link again" }).click();
      await page.getByRole('button', { name: 'Show a new link' }).click();
      const issued = page.getByTestId('issued');
      await issued.getByRole('heading', { name: 'Number 1 — Ana' }).waitFor();
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      const newUrl = (await issued.locator('figcaption small').innerText()).trim();
      expect(newUrl).toMatch(new RegExp(`^${setup.t.url}/t/[A-Za-z0-9_-]{43}$`));
      expect(newUrl).not.toContain(oldToken);
      expect(await issued.getByRole('img', { name: `QR code for ${newUrl}` }).count()).toBe(1);
      const box = (await issued.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({
        path: `${ARTIFACTS}backoffice-link-again-${viewport.width}x${viewport.height}.png`,
        fullPage: true,
      });

      await ticketPage.reload();
      await ticketPage.getByText('Ticket not found').waitFor();
      await ticketPage.goto(newUrl);
      await ticketPage.getByText('Your number', { exact: true }).waitFor();
      expect(await ticketPage.locator('main').innerText()).toContain('1');
      await context.close();
    });
});
