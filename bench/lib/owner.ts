import { randomUUID } from 'node:crypto';
import { postGraphql } from '../../test/support/http';
import { linkFromDevMail } from '../../test/support/local-server';

/** An owner session obtained as a person would: sign up, the link from /dev/mail, verify, log in. */
export async function ownerSession(url: string): Promise<string> {
  const email = `${randomUUID()}@bench.example.com`;
  const password = 'bench password 123';
  await postGraphql(
    url,
    {
      query: 'mutation S($i: SignUpInput!) { signUp(input: $i) { accepted } }',
      variables: { i: { name: 'Bench Owner', email, password } },
    },
    'Public',
  );
  const token = (await linkFromDevMail(url, email, 'verify')).split('/').at(-1);
  await postGraphql(
    url,
    { query: 'mutation V($t: String!) { verifyEmail(token: $t) { status } }', variables: { t: token } },
    'Public',
  );
  const login = await postGraphql(
    url,
    {
      query: 'mutation L($e: AWSEmail!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      variables: { e: email, p: password },
    },
    'Public',
  );
  return `Bearer ${login.body.data.login.accessToken}`;
}

export async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  authorization: string,
): Promise<any> {
  const answer = await postGraphql(url, { query, variables }, authorization);
  if (answer.body?.errors?.length)
    throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(answer.body.errors[0])}`);
  return answer.body.data;
}
