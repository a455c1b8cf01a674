import { describe, expect, it, vi } from 'vitest';
import { AccountsClient, ApiError, BAD_ANSWER, errorFrom, NETWORK_ERROR } from './accounts';
import { USER } from '../test/fixtures';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A server stand-in answering by "METHOD path", recording every request. */
function fakeServer(answers: Record<string, () => Response>) {
  const calls: Call[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const url = String(input);
    calls.push({
      url,
      method,
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
    });
    const answer = answers[`${method} ${url}`];
    if (!answer) throw new Error(`unexpected ${method} ${url}`);
    return answer();
  });
  return { calls, client: new AccountsClient(fetchImpl as typeof fetch) };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const error = (status: number, code: string, message: string) => json(status, { error: { code, message } });

describe('AccountsClient', () => {
  it('fetches the current CSRF token and tries once more when another tab renewed the session', async () => {
    let revokes = 0;
    const { calls, client } = fakeServer({
      'POST /api/v1/auth/login': () => json(200, { user: USER, csrfToken: 'tok-1' }),
      'GET /api/v1/me': () => json(200, { user: USER, session: {}, csrfToken: 'tok-other-tab' }),
      'POST /api/v1/security/sessions/revoke-all': () =>
        ++revokes === 1 ? error(403, 'csrf_failed', 'stale') : json(200, { revoked: 1 }),
      'DELETE /api/v1/security/sessions/3': () => error(403, 'csrf_failed', 'still refused'),
    });
    await client.login({ target: 'ann@example.com', password: 'correct horse' });
    await expect(client.revokeOtherSessions()).resolves.toBe(1);
    expect(calls.map((c) => `${c.method} ${c.url} ${c.headers['X-CSRF-Token'] ?? ''}`)).toEqual([
      'POST /api/v1/auth/login ',
      'POST /api/v1/security/sessions/revoke-all tok-1',
      'GET /api/v1/me ',
      'POST /api/v1/security/sessions/revoke-all tok-other-tab',
    ]);
    // Once only: a token that did not change is not worth another try.
    await expect(client.revokeSession(3)).rejects.toMatchObject({ code: 'csrf_failed' });
    expect(calls).toHaveLength(6);
  });

  it('takes the new CSRF token when the server renews the session after a privilege change', async () => {
    const renewedAnswer = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'tok-renewed' },
      });
    const { calls, client } = fakeServer({
      'POST /api/v1/auth/login': () => json(200, { user: USER, csrfToken: 'tok-1' }),
      'GET /api/v1/enterprises': () => renewedAnswer(200, { enterprises: [] }),
      'POST /api/v1/security/sessions/revoke-all': () => json(200, { revoked: 0 }),
      'DELETE /api/v1/security/sessions/7': () => renewedAnswer(404, { error: { code: 'not_found', message: 'no' } }),
    });
    await client.login({ target: 'ann@example.com', password: 'correct horse' });
    await client.json('GET', '/api/v1/enterprises');
    expect(client.csrf).toBe('tok-renewed');
    await client.revokeOtherSessions();
    expect(calls[2]?.headers['X-CSRF-Token']).toBe('tok-renewed');
    // A /me answered under the replaced token while another answer renewed the
    // session does not bring the old CSRF token back.
    let answerMe: (r: Response) => void = () => undefined;
    const slowMe = new Promise<Response>((resolve) => (answerMe = resolve));
    const racing = fakeServer({
      'POST /api/v1/auth/login': () => json(200, { user: USER, csrfToken: 'tok-old' }),
      'GET /api/v1/me': () => slowMe as unknown as Response,
      'GET /api/v1/enterprises': () => renewedAnswer(200, { enterprises: [] }),
    });
    await racing.client.login({ target: 'ann@example.com', password: 'correct horse' });
    const me = racing.client.me();
    await racing.client.json('GET', '/api/v1/enterprises');
    answerMe(json(200, { user: USER, session: {}, csrfToken: 'tok-old' }));
    await me;
    expect(racing.client.csrf).toBe('tok-renewed');
    // A refusal may carry a renewal too: the token is kept all the same.
    client.remember({ csrfToken: 'tok-2' });
    await expect(client.revokeSession(7)).rejects.toBeInstanceOf(ApiError);
    expect(client.csrf).toBe('tok-renewed');
  });

  it('sends the CSRF token from sign-in on state-changing calls, not on reads', async () => {
    const { calls, client } = fakeServer({
      'POST /api/v1/auth/login': () => json(200, { user: USER, csrfToken: 'tok-1' }),
      'GET /api/v1/security/sessions': () => json(200, { sessions: [] }),
      'POST /api/v1/security/sessions/revoke-all': () => json(200, { revoked: 2 }),
      'DELETE /api/v1/security/sessions/5': () => new Response(null, { status: 204 }),
      'POST /api/v1/security/password': () => json(200, { user: USER, csrfToken: 'tok-2' }),
      'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
    });
    await client.login({ target: 'ann@example.com', password: 'correct horse' });
    expect(calls[0]?.headers['X-CSRF-Token']).toBeUndefined(); // none known before sign-in
    expect(calls[0]?.body).toEqual({ target: 'ann@example.com', password: 'correct horse' });

    await client.sessions();
    expect(calls[1]?.headers['X-CSRF-Token']).toBeUndefined();
    await expect(client.revokeOtherSessions()).resolves.toBe(2);
    expect(calls[2]?.headers['X-CSRF-Token']).toBe('tok-1');
    expect(calls[2]?.body).toEqual({ includeCurrent: false });
    await client.revokeSession(5);
    expect(calls[3]?.headers['X-CSRF-Token']).toBe('tok-1');

    // A password change starts a new session with a new token.
    await client.changePassword('correct horse', 'battery staple');
    expect(calls[4]?.body).toEqual({ currentPassword: 'correct horse', newPassword: 'battery staple' });
    await client.logout();
    expect(calls[5]?.headers['X-CSRF-Token']).toBe('tok-2');
    expect(client.csrf).toBeNull();
  });

  it('learns the token from GET /api/v1/me, and reads 401 there as nobody signed in', async () => {
    let signedIn = true;
    const { client } = fakeServer({
      'GET /api/v1/me': () =>
        signedIn
          ? json(200, {
              user: USER,
              csrfToken: 'tok-me',
              session: { id: 3, createdAt: '', expiresAt: '', idleExpiresAt: '' },
            })
          : error(401, 'unauthenticated', 'sign in first'),
    });
    const onSignedOut = vi.fn();
    client.onSignedOut = onSignedOut;
    expect((await client.me())?.user.displayName).toBe('Ann');
    expect(client.csrf).toBe('tok-me');
    signedIn = false;
    await expect(client.me()).resolves.toBeNull();
    expect(client.csrf).toBeNull();
    expect(onSignedOut).toHaveBeenCalledOnce();
  });

  it('turns the error shape into an ApiError with status, code and message', async () => {
    const { client } = fakeServer({
      'POST /api/v1/auth/code': () => error(429, 'rate_limited', 'too many codes; wait an hour'),
      'POST /api/v1/auth/login': () => error(401, 'login_failed', 'sign-in failed'),
    });
    const onSignedOut = vi.fn();
    client.onSignedOut = onSignedOut;
    const limited = await client.requestCode('ann@example.com', 'login').catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ApiError);
    expect(limited).toMatchObject({ status: 429, code: 'rate_limited', message: 'too many codes; wait an hour' });
    const failed = await client.login({ target: 'ann@example.com', code: '123456' }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ status: 401, code: 'login_failed' });
    expect(onSignedOut).not.toHaveBeenCalled(); // a refused sign-in is not an ended session
  });

  it('tells a pending registration (202, guardian consent) from a signed-in one (201)', async () => {
    let status = 202;
    const { calls, client } = fakeServer({
      'POST /api/v1/auth/register': () =>
        status === 202
          ? json(202, { user: { ...USER, status: 'pending_guardian' }, guardianConsentRequired: true, message: 'wait' })
          : json(201, { user: USER, csrfToken: 'tok-r' }),
    });
    const registration = { target: 'kid@example.com', code: '123456', birthYear: 2020, birthMonth: 1 };
    const pending = await client.register(registration);
    expect(pending.kind).toBe('pending');
    expect(client.csrf).toBeNull();
    expect(calls[0]?.body).toEqual(registration); // no displayName/password keys when not given
    status = 201;
    const done = await client.register({ ...registration, displayName: 'Ann' });
    expect(done.kind).toBe('signedIn');
    expect(client.csrf).toBe('tok-r');
  });

  it('reports an unreachable server and answers that are not the error shape', async () => {
    const offline = new AccountsClient((async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    await expect(offline.sessions()).rejects.toMatchObject({ code: NETWORK_ERROR, status: 0 });

    const html = await errorFrom(new Response('<h1>Bad gateway</h1>', { status: 502 }));
    expect(html).toMatchObject({ status: 502, code: BAD_ANSWER });
    expect(html.message).toMatch(/try again/);
    const odd = await errorFrom(json(400, { error: 'nope' }));
    expect(odd.code).toBe(BAD_ANSWER);
  });
});
