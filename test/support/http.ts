import { randomUUID } from 'node:crypto';
import { linkFromDevMail } from './local-server';

/** One GraphQL call over HTTP, as any client sends it; returns the status and the parsed body. */
export async function postGraphql(
  url: string,
  body: unknown,
  authorization?: string,
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

export const OWNER_PASSWORD = 'correct horse battery';

/** Logs an owner in over HTTP; the Authorization value for their session. */
export async function loginOverHttp(url: string, email: string, password = OWNER_PASSWORD): Promise<string> {
  const answer = await postGraphql(
    url,
    {
      query: 'mutation L($e: AWSEmail!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      variables: { e: email, p: password },
    },
    'Public',
  );
  return `Bearer ${answer.body.data.login.accessToken}`;
}

/**
 * An owner as a person gets one over HTTP: sign up at one server, the link from its /dev/mail, verify and log in
 * (at another server sharing the stores, if given).
 */
export async function ownerOverHttp(
  signUpAt: string,
  loginAt = signUpAt,
  email = `${randomUUID()}@example.com`,
): Promise<{ authorization: string; email: string }> {
  await postGraphql(
    signUpAt,
    {
      query: 'mutation S($i: SignUpInput!) { signUp(input: $i) { accepted } }',
      variables: { i: { name: 'Owner', email, password: OWNER_PASSWORD } },
    },
    'Public',
  );
  const token = (await linkFromDevMail(signUpAt, email, 'verify')).split('/').at(-1);
  await postGraphql(
    loginAt,
    { query: 'mutation V($t: String!) { verifyEmail(token: $t) { status } }', variables: { t: token } },
    'Public',
  );
  return { authorization: await loginOverHttp(loginAt, email), email };
}

/** Creates a queue over HTTP as its owner; its id. */
export async function queueOverHttp(
  url: string,
  authorization: string,
  input: { name: string; selfJoin?: boolean },
): Promise<string> {
  const answer = await postGraphql(
    url,
    {
      query: 'mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }',
      variables: { i: input },
    },
    authorization,
  );
  return answer.body.data.createQueue.id as string;
}

/** Adds a person to a queue over HTTP as its owner; their ticket's access token. */
export async function ticketOverHttp(
  url: string,
  authorization: string,
  queueId: string,
  name: string,
): Promise<string> {
  const answer = await postGraphql(
    url,
    {
      query: 'mutation A($q: ID!, $n: String!) { addTicket(queueId: $q, input: {name: $n}) { accessToken } }',
      variables: { q: queueId, n: name },
    },
    authorization,
  );
  return answer.body.data.addTicket.accessToken as string;
}
