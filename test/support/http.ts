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
