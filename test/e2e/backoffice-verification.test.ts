import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, serverAndBrowser } from '../support/browser';
import { postGraphql } from '../support/http';

const browserAvailability = inject('browser');

/** Verify links in the dev outbox for an address, newest first. */
async function verifyLinks(url: string, to: string): Promise<string[]> {
  const page = await (await fetch(`${url}/dev/mail`)).text();
  return page
    .split('<article>')
    .filter((a) => a.includes(`to ${to}`))
    .flatMap((a) => a.match(/href="([^"]+\/backoffice\/verify\/[^"]+)"/)?.[1] ?? []);
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!browserAvailability.chromium)('a lost, used or expired confirmation link', () => {
  const setup = serverAndBrowser(browserAvailability.chromium);

  it('given an unconfirmed owner logging in, then a new link is offered there; given a used link, then also on its page; the new link confirms', async () => {
    const email = `${randomUUID()}@example.com`;
    await postGraphql(
      setup.t.url,
      {
        query: 'mutation S($i: SignUpInput!) { signUp(input: $i) { accepted } }',
        variables: { i: { name: 'Dona Benta', email, password: 'correct horse battery' } },
      },
      'Public',
    );
    const first = (
      await until(
        () => verifyLinks(setup.t.url, email),
        (l) => l.length === 1,
      )
    )[0]!;

    for (const size of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      const page = await (await setup.browser.newContext({ viewport: size })).newPage();
      await page.goto(`${setup.t.url}/backoffice/login`);
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByText('Please confirm your email first').waitFor();
      const resend = page.getByTestId('resend-verification');
      expect(await resend.getByLabel('Email').inputValue()).toBe(email);
      await page.screenshot({ path: `${ARTIFACTS}resend-on-login-${size.width}.png` });
      await resend.getByRole('button', { name: 'Send a new link' }).click();
      await resend.getByText(`If ${email} is waiting to be confirmed, a new link is on its way`).waitFor();
      await page.context().close();
    }
    const links = await until(
      () => verifyLinks(setup.t.url, email),
      (l) => l.length === 3,
    );
    expect(links).toHaveLength(3);

    // The newest link confirms; the used one then shows the way to another.
    const page = await (await setup.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(links[0]!);
    await page.getByText('Your email is confirmed').waitFor();
    await page.goto(links[0]!);
    await page.getByText('This link does not work').waitFor();
    const resend = page.getByTestId('resend-verification');
    await resend.getByLabel('Email').fill(email);
    await resend.getByRole('button', { name: 'Send a new link' }).click();
    // Answered alike whether or not the address waits: nothing tells a stranger which addresses exist.
    await resend.getByText('a new link is on its way').waitFor();
    expect(first).not.toBe(links[0]);

    // In Portuguese too.
    await page.getByRole('button', { name: 'Português' }).click();
    await page.goto(first);
    await page.getByText('Este link não funciona').waitFor();
    await page.getByText('Precisa de um novo link de confirmação?').waitFor();
    await page.context().close();
  });
});
