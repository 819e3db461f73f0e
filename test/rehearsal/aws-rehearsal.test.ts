import { ListQueuesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEPT_GRANTS } from '../../infra/lib/grants';
import type { FunctionPrivileges } from '../../local/rehearsal/least-privilege';
import { REFUSED_DOMAIN } from '../../local/rehearsal/mail-sink';
import { describeAmplifyFlows } from '../support/amplify-flows';
import { ARTIFACTS, launchBrowser } from '../support/browser';
import { linkFromDevMail } from '../support/local-server';

/**
 * `npm run start:aws` as a user runs it: the CDK app synthesized, every function run from its bundle in the
 * cloud assembly, AWS stood in by moto, MySQL and Redis over TLS, SMTP on loopback. The owner flow passes
 * through it with aws-amplify v6; then what only the AWS path has: IAM-signed publishes, the SQS event source
 * with partial batch failures and redrive, the migration custom resource, and least privilege by use.
 */
interface Rehearsal {
  url: string;
  moto: string;
  readySeconds: number;
  child: ChildProcess;
  output: string[];
}

let rehearsal: Promise<Rehearsal> | undefined;

function startRehearsal(): Promise<Rehearsal> {
  rehearsal ??= new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'start:aws'], {
      env: {
        ...process.env,
        PORT: '0',
        REHEARSAL_VISIBILITY_TIMEOUT: '2',
        REHEARSAL_ACCOUNT_DELETION_GRACE_SECONDS: '3',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: stopped as a whole
    });
    const output: string[] = [];
    const timer = setTimeout(() => reject(new Error(`not ready in 240 s:\n${output.join('')}`)), 240_000);
    const read = (chunk: Buffer) => {
      output.push(chunk.toString());
      const text = output.join('');
      const ready = /is ready at (http:\/\/\S+)\s+\((\d+(?:\.\d+)?) s\)/.exec(text);
      const moto = /moto (http:\/\/\S+)/.exec(text);
      if (ready && moto) {
        clearTimeout(timer);
        resolve({ url: ready[1]!, readySeconds: Number(ready[2]), moto: moto[1]!, child, output });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start:aws exited with ${code}:\n${output.join('')}`));
    });
  });
  return rehearsal;
}

afterAll(async () => {
  const r = await rehearsal?.catch(() => undefined);
  if (!r || r.child.exitCode !== null) return;
  // 'close': every process holding its output (npm, tsx, the rehearsal) has exited, so the rehearsal finished
  // stopping what it started and removed its folder ('exit' is npm's alone, which does not wait).
  const closed = new Promise((resolve) => r.child.once('close', resolve));
  process.kill(-r.child.pid!, 'SIGTERM');
  await closed;
  expect(r.output.join('')).toContain('Stopped cleanly.');
}, 30_000);

describeAmplifyFlows(
  'the AWS rehearsal (npm run start:aws)',
  true,
  async () => {
    const r = await startRehearsal();
    process.stdout.write(`start:aws was ready in ${r.readySeconds} s\n`);
    return {
      url: r.url,
      subscriptions: async () =>
        ((await (await fetch(`${r.url}/health`)).json()) as { subscriptions: number }).subscriptions,
      cleanup: async () => undefined, // stopped once, after every suite of this file
    };
  },
  // Cold starts: each new execution environment loads its bundle, reads its secrets, opens TLS connections.
  { mailMs: 20_000, testMs: 120_000, subscriptionMs: 20_000 },
);

describe('what only the AWS path has, rehearsed', () => {
  let r: Rehearsal;
  beforeAll(async () => {
    r = await startRehearsal();
  }, 240_000);

  const post = (body: unknown, authorization: string) =>
    fetch(`${r.url}/graphql`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json', 'x-amz-date': '20261130T120000Z' },
      body: JSON.stringify(body),
    });
  const publish = {
    query:
      'mutation P($e: QueueEventInput!) { publishQueueEvent(event: $e) { queueId version kind waitingCount } }',
    variables: {
      e: {
        queueId: randomUUID(),
        version: 99,
        kind: 'JOINED',
        ticketNumber: 1,
        waitingCount: 1,
        at: new Date().toISOString(),
      },
    },
  };

  const gql = async (query: string, variables: Record<string, unknown>, authorization: string) => {
    const answer = (await (await post({ query, variables }, authorization)).json()) as {
      data?: any;
      errors?: unknown[];
    };
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  };
  /** An owner as a person gets one: sign up, the link from the rehearsal's mail, verify, log in. */
  const ownerSession = async (name: string): Promise<string> => {
    const email = `${randomUUID()}@example.com`;
    await gql(
      'mutation S($i: SignUpInput!) { signUp(input: $i) { accepted } }',
      { i: { name, email, password: 'correct horse battery' } },
      'Public',
    );
    const token = (await linkFromDevMail(r.url, email, 'verify', 20_000)).split('/').at(-1);
    await gql('mutation V($t: String!) { verifyEmail(token: $t) { status } }', { t: token }, 'Public');
    const session = await gql(
      'mutation L($e: AWSEmail!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: email, p: 'correct horse battery' },
      'Public',
    );
    return `Bearer ${session.login.accessToken}`;
  };

  it('given Chromium, then both apps, served from the deployed web assets, work against it: sign-up with the mailed link, a queue, a person joining from a phone and called live', async () => {
    const browser = await launchBrowser(process.env.CHROMIUM ?? '/usr/bin/chromium');
    try {
      const owner = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      const email = `${randomUUID()}@example.com`;
      await owner.goto(`${r.url}/backoffice/signup`);
      await owner.getByLabel('Your name').fill('Dona Benta');
      await owner.getByLabel('Email').fill(email);
      await owner.getByLabel('Password').fill('correct horse battery');
      await owner.getByRole('button', { name: 'Create account' }).click();
      await owner.getByTestId('check-email').waitFor();
      await owner.goto(await linkFromDevMail(r.url, email, 'verify', 20_000));
      await owner.getByText('Your email is confirmed').waitFor();
      await owner.getByRole('link', { name: 'Log in' }).click();
      await owner.getByLabel('Email').fill(email);
      await owner.getByLabel('Password').fill('correct horse battery');
      await owner.getByRole('button', { name: 'Log in' }).click();
      await owner.waitForURL(/\/backoffice\/queues$/);
      await owner.getByLabel('Queue name').fill('Padaria Pão Quente');
      await owner.getByRole('button', { name: 'Create queue' }).click();
      await owner.waitForURL(/\/backoffice\/queues\/[0-9a-f-]{36}$/);
      const queueId = owner.url().split('/').at(-1)!;

      const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
      await phone.goto(`${r.url}/j/${queueId}`);
      await phone.getByLabel('Your name').fill('Zoë');
      await phone.getByRole('button', { name: 'Join the queue' }).click();
      await phone.waitForURL(/\/t\/[\w-]{43}$/);
      await phone.getByText('Nobody ahead of you').waitFor();
      await owner.locator('[data-testid="ticket-row"]:has-text("Zoë")').waitFor({ timeout: 20_000 });
      await owner.getByRole('button', { name: 'Call next (N)' }).click();
      await phone.getByText("It's your turn!").waitFor({ timeout: 20_000 });
      await phone.screenshot({ path: `${ARTIFACTS}rehearsal-phone-called.png` });
      await owner.screenshot({ path: `${ARTIFACTS}rehearsal-backoffice-queue.png` });
    } finally {
      await browser.close();
    }
  });

  it('given a forged, unsigned or Lambda-authorized publishQueueEvent, then AppSync’s stand-in refuses it', async () => {
    const forged = await post(
      publish,
      `AWS4-HMAC-SHA256 Credential=ASIA0000000000000000/20261130/sa-east-1/appsync/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    );
    expect(forged.status).toBe(401);
    expect((await forged.json()).errors[0].errorType).toBe('UnauthorizedException');
    const malformed = await post(publish, 'AWS4-HMAC-SHA256 nonsense');
    expect(malformed.status).toBe(401);
    const asPublic = await (await post(publish, 'Public')).json();
    expect(asPublic.errors[0]).toMatchObject({ errorType: 'Unauthorized' });
    expect(asPublic.data?.publishQueueEvent ?? null).toBeNull();
  });

  it('given mail to a mailbox that refuses it beside a good one, then the good one is sent once and the other is dead-lettered after 3 receives', async () => {
    const good = `${randomUUID()}@example.com`;
    const bounced = `${randomUUID()}@${REFUSED_DOMAIN}`;
    for (const email of [bounced, good])
      await post(
        {
          query: 'mutation S($i: SignUpInput!) { signUp(input: $i) { accepted } }',
          variables: { i: { name: 'Someone', email, password: 'correct horse battery' } },
        },
        'Public',
      );
    const sqs = new SQSClient({
      endpoint: r.moto,
      region: 'sa-east-1',
      credentials: { accessKeyId: 'test-reader', secretAccessKey: 'test-reader' },
    });
    const { QueueUrls } = await sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: 'MessagingMailDeadLetters' }),
    );
    expect(QueueUrls).toHaveLength(1);
    const deadline = Date.now() + 30_000;
    let dead: { body: unknown; receives: number } | undefined;
    while (!dead && Date.now() < deadline) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: QueueUrls![0],
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ['All'],
        }),
      );
      const m = Messages?.find((x) => x.Body?.includes(bounced));
      if (m) dead = { body: JSON.parse(m.Body!), receives: Number(m.Attributes!.ApproximateReceiveCount) };
    }
    sqs.destroy();
    expect(dead?.body).toMatchObject({ template: 'VERIFY_EMAIL', to: bounced });
    const page = await (await fetch(`${r.url}/dev/mail`)).text();
    expect(page.split(`to ${good}`).length - 1).toBe(1);
    expect(page).not.toContain(`to ${bounced}`);
  }, 60_000);

  it('given a queue that alerts 1 ahead and people with phones, then the call and the alert go out through SNS, and "SAIR" on the two-way topic takes a person out, once', async () => {
    const owner = await ownerSession('Dona SMS');
    const queue = (
      await gql(
        'mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }',
        { i: { name: 'Ótica Central', alertAhead: 1 } },
        owner,
      )
    ).createQueue;
    const base = Math.floor(Math.random() * 5e7);
    const phones = [1, 2, 3].map((i) => `+55119${String(base + i).padStart(8, '0')}`);
    const tickets: { ticket: { id: string }; accessToken: string }[] = [];
    for (const [i, phone] of phones.entries())
      tickets.push(
        (
          await gql(
            'mutation A($q: ID!, $i: TicketInput!) { addTicket(queueId: $q, input: $i) { accessToken ticket { id } } }',
            { q: queue.id, i: { name: `P${i + 1}`, phone, language: 'PT_BR' } },
            owner,
          )
        ).addTicket,
      );
    await gql('mutation N($q: ID!) { callNext(queueId: $q) { number } }', { q: queue.id }, owner);
    const sentTo = async (phone: string) => {
      const page = await (await fetch(`${r.url}/dev/sms`)).text();
      return page.split(`<strong>${phone}</strong>`).length - 1;
    };
    const deadline = Date.now() + 30_000;
    while ((await sentTo(phones[0]!)) + (await sentTo(phones[1]!)) < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    const page = await (await fetch(`${r.url}/dev/sms`)).text();
    expect(page).toContain('Senha 1: é a sua vez em Ótica Central.');
    expect(page).toContain('Senha 2 em Ótica Central: falta pouco (lugar 1 na fila');
    expect(await sentTo(phones[2]!)).toBe(0);

    const reply = (id: string) =>
      fetch(`${r.url}/dev/sms/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: phones[2], body: 'SAIR', id }),
      }).then((res) => res.status);
    const inboundId = randomUUID();
    expect(await reply(inboundId)).toBe(200);
    expect(await reply(inboundId)).toBe(200); // SNS delivering it again: acted on once
    const view = await gql(
      'query T($t: String!) { ticket(token: $t) { status } }',
      { t: tickets[2]!.accessToken },
      'Public',
    );
    expect(view.ticket.status).toBe('LEFT');
    const after = Date.now() + 30_000;
    while ((await sentTo(phones[2]!)) < 1 && Date.now() < after)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await sentTo(phones[2]!)).toBe(1);
    expect(await (await fetch(`${r.url}/dev/sms`)).text()).toContain('Você saiu da fila Ótica Central.');
    // Staff see where each message is (the delivery log's states, read in one batch).
    const listed = await gql(
      'query M($q: ID!, $t: [ID!]!) { ticketMessages(queueId: $q, ticketIds: $t) { kind status } }',
      { q: queue.id, t: tickets.map((t) => t.ticket.id) },
      owner,
    );
    expect(listed.ticketMessages.map((m: { kind: string }) => m.kind).sort()).toEqual([
      'ALMOST',
      'CALLED',
      'REPLY',
    ]);
  }, 120_000);

  it('given a queue with a 1-minute grace, then after it EventBridge Scheduler’s sweep makes the unserved call a no-show, once, tells the person, and calls the next', async () => {
    const owner = await ownerSession('Dona Prazo');
    const queue = (
      await gql(
        'mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }',
        { i: { name: 'Cartório Prazo', graceMinutes: 1, graceCallsNext: true } },
        owner,
      )
    ).createQueue;
    const phone = `+55119${String(Math.floor(Math.random() * 5e7)).padStart(8, '0')}`;
    for (const [name, p] of [
      ['Ana', phone],
      ['Bia', null],
    ] as const)
      await gql(
        'mutation A($q: ID!, $i: TicketInput!) { addTicket(queueId: $q, input: $i) { ticket { number } } }',
        { q: queue.id, i: { name, ...(p ? { phone: p } : {}) } },
        owner,
      );
    await gql('mutation N($q: ID!) { callNext(queueId: $q) { number } }', { q: queue.id }, owner);
    const sweep = async () =>
      (await (await fetch(`${r.url}/rehearsal/schedules/run`, { method: 'POST' })).json()) as {
        noShows: number;
        auditPurged: number;
        anonymized: number;
        invitationsPurged: number;
        accountsDeleted: number;
      }[];
    // The same minute's run also purges audit entries, anonymises tickets past their retention and deletes the
    // accounts whose deletion is due: none here.
    expect(await sweep()).toEqual([
      { noShows: 0, auditPurged: 0, anonymized: 0, invitationsPurged: 0, accountsDeleted: 0 },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 61_000));
    const [first, second] = await Promise.all([sweep(), sweep()]);
    expect(first![0]!.noShows + second![0]!.noShows).toBe(1);
    const tickets = await gql(
      'query T($q: ID!) { queueTickets(queueId: $q) { items { number status } } }',
      { q: queue.id },
      owner,
    );
    expect(tickets.queueTickets.items).toEqual([
      { number: 1, status: 'NO_SHOW' },
      { number: 2, status: 'CALLED' },
    ]);
    const deadline = Date.now() + 30_000;
    let page = '';
    while (!page.includes('Number 1 at Cartório Prazo: we called you') && Date.now() < deadline) {
      page = await (await fetch(`${r.url}/dev/sms`)).text();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(page).toContain('Number 1 at Cartório Prazo: we called you and the time to come has run out.');
  }, 150_000);

  it('given an owner who asks to delete their account, then once its grace period (3 s here) has passed EventBridge Scheduler’s sweep deletes it, with its queue, and its session no longer works', async () => {
    const owner = await ownerSession('Dona Saída');
    const queue = (
      await gql(
        'mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }',
        { i: { name: 'Fila Saída' } },
        owner,
      )
    ).createQueue;
    await gql(
      'mutation A($q: ID!, $i: TicketInput!) { addTicket(queueId: $q, input: $i) { ticket { number } } }',
      { q: queue.id, i: { name: 'Quem Espera', phone: '+5511987650001' } },
      owner,
    );
    const asked = await gql(
      'mutation D($p: String!) { requestAccountDeletion(password: $p) { deletionDueAt } }',
      { p: 'correct horse battery' },
      owner,
    );
    const due = Date.parse(asked.requestAccountDeletion.deletionDueAt);
    expect(due - Date.now()).toBeGreaterThan(1000);
    await new Promise((resolve) => setTimeout(resolve, due - Date.now() + 500));
    const runs = (await (await fetch(`${r.url}/rehearsal/schedules/run`, { method: 'POST' })).json()) as {
      accountsDeleted: number;
    }[];
    expect(runs.reduce((n, run) => n + run.accountsDeleted, 0)).toBe(1);
    await expect(gql('query { me { id } }', {}, owner)).rejects.toThrow(/UNAUTHENTICATED/);
    const owner2 = await ownerSession('Dona Outra');
    expect(await gql('query Q($id: ID!) { queue(id: $id) { id } }', { id: queue.id }, owner2)).toEqual({
      queue: null,
    });
  });

  it('given a later deploy, then the migration custom resource answers Update with nothing left to apply, the SMS settings are applied again, and Delete keeps the data', async () => {
    const update = await fetch(`${r.url}/rehearsal/custom-resources/Update`, { method: 'POST' });
    expect(await update.json()).toEqual([
      { PhysicalResourceId: 'queue-manager-sql-schema', Data: { applied: '' } },
      { PhysicalResourceId: 'queue-manager-sms-settings', Data: { monthlySpendLimitUsd: '50' } },
    ]);
    const remove = await fetch(`${r.url}/rehearsal/custom-resources/Delete`, { method: 'POST' });
    expect(await remove.json()).toEqual([
      { PhysicalResourceId: 'queue-manager-sql-schema', Data: {} },
      { PhysicalResourceId: 'queue-manager-sms-settings', Data: {} },
    ]);
    const after = await (await post({ query: 'query { __typename }' }, 'Public')).json();
    expect(after.data).toEqual({ __typename: 'Query' });
  });

  it('given everything above, then every function used only actions its role grants, and each grant it never used has its reason', async () => {
    const report = (await (await fetch(`${r.url}/rehearsal/privileges`)).json()) as FunctionPrivileges[];
    const lines = report.map(
      (f) =>
        `${f.handler}: used ${[...new Set(f.used.map((u) => u.action))].join(', ') || 'nothing'}` +
        `${f.unused.length ? `; granted, unused: ${f.unused.join(', ')}` : ''}`,
    );
    process.stdout.write(`least privilege by use:\n  ${lines.join('\n  ')}\n`);
    const exercised = report.filter((f) => f.handler !== 'logShipper');
    for (const f of exercised) {
      expect(f.notGranted, `${f.handler} used actions its role does not grant`).toEqual([]);
      expect(f.used.length, `${f.handler} made no AWS call at all`).toBeGreaterThan(0);
      expect(
        f.unused.filter((action) => !KEPT_GRANTS[action] && !KEPT_GRANTS[`${f.handler} ${action}`]),
        `${f.handler} is granted actions it never used, without a reason in infra/lib/grants.ts`,
      ).toEqual([]);
    }
  });
});
