import { ownerOverHttp, postGraphql } from '../../test/support/http';

/** An owner session obtained as a person would: sign up, the link from /dev/mail, verify, log in. */
export async function ownerSession(url: string): Promise<string> {
  return (await ownerOverHttp(url)).authorization;
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
