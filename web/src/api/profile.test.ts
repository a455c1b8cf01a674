import { describe, expect, it, vi } from 'vitest';
import { json, PROFILE, USER } from '../test/profileFixtures';
import { AccountsClient, ApiError } from './accounts';
import { ProfileClient, type ProfileAnswer, type UploadRequest } from './profile';

const ANSWER: ProfileAnswer = { user: USER, profile: { ...PROFILE, updatedAt: '2026-01-02T00:00:00Z' } };

/** An AccountsClient that has signed in (so it knows a CSRF token). */
async function signedInAccounts(): Promise<AccountsClient> {
  const accounts = new AccountsClient((async () => json(200, { user: USER, csrfToken: 'tok-1' })) as typeof fetch);
  await accounts.login({ target: 'ann@example.com', password: 'correct horse' });
  return accounts;
}

/** A stand-in for XMLHttpRequest that records what is sent and answers when told. */
class FakeUpload implements UploadRequest {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: Blob | null = null;
  status = 0;
  responseText = '';
  aborted = false;
  upload: UploadRequest['upload'] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: Blob) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

describe('ProfileClient', () => {
  it('reads the profile and sends corrections with PATCH and the CSRF token', async () => {
    const calls: { method: string; url: string; headers: Record<string, string>; body: unknown }[] = [];
    const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({
        method: init?.method ?? 'GET',
        url: String(input),
        headers: (init?.headers ?? {}) as Record<string, string>,
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
      });
      return json(200, ANSWER);
    });
    const client = new ProfileClient(await signedInAccounts(), fetchImpl as typeof fetch);
    expect((await client.profile()).profile.position).toBe('Engineer');
    await client.correct({ position: 'Lead', address: null });
    expect(calls[0]?.headers['X-CSRF-Token']).toBeUndefined();
    expect(calls[1]).toMatchObject({
      method: 'PATCH',
      url: '/api/v1/profile',
      body: { position: 'Lead', address: null },
    });
    expect(calls[1]?.headers['X-CSRF-Token']).toBe('tok-1');
  });

  it('uploads the raw image with its type, reports progress, and resolves with the profile', async () => {
    const request = new FakeUpload();
    const client = new ProfileClient(await signedInAccounts(), undefined, () => request);
    const file = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    const seen: number[] = [];
    const done = client.uploadAvatar(file, (f) => seen.push(f));
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/v1/profile/avatar');
    expect(request.headers['Content-Type']).toBe('image/png');
    expect(request.headers['X-CSRF-Token']).toBe('tok-1');
    expect(request.body).toBe(file);
    request.upload.onprogress?.({ loaded: 2, total: 4, lengthComputable: true });
    request.answer(200, ANSWER);
    await expect(done).resolves.toEqual(ANSWER);
    expect(seen).toEqual([0.5, 1]);
  });

  it("turns the server's refusal of an upload into an ApiError with its code", async () => {
    const request = new FakeUpload();
    const client = new ProfileClient(await signedInAccounts(), undefined, () => request);
    const done = client.uploadAvatar(new Blob(['%PDF-1.4'], { type: 'image/png' }));
    request.answer(415, { error: { code: 'unsupported_image', message: 'the file is not a JPEG, PNG or WebP image' } });
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(415);
    expect((error as ApiError).code).toBe('unsupported_image');
  });

  it('aborts an upload when asked', async () => {
    const request = new FakeUpload();
    const client = new ProfileClient(await signedInAccounts(), undefined, () => request);
    const controller = new AbortController();
    const done = client.uploadAvatar(new Blob(['x'], { type: 'image/png' }), undefined, controller.signal);
    controller.abort();
    expect(request.aborted).toBe(true);
    await expect(done).rejects.toMatchObject({ code: 'aborted' });
  });

  it('tells the accounts client when the session has ended', async () => {
    const accounts = await signedInAccounts();
    const ended = vi.fn();
    accounts.onSignedOut = ended;
    const client = new ProfileClient(accounts, (async () =>
      json(401, { error: { code: 'unauthenticated', message: 'sign in first' } })) as typeof fetch);
    await expect(client.profile()).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(ended).toHaveBeenCalledOnce();
  });

  it('changes the contact with both codes', async () => {
    let body: unknown = null;
    const client = new ProfileClient(await signedInAccounts(), (async (
      _input: RequestInfo | URL,
      init?: RequestInit,
    ) => {
      body = JSON.parse(String(init?.body));
      return json(200, { user: { ...USER, email: 'new@example.com' } });
    }) as typeof fetch);
    const user = await client.changeContact('new@example.com', '111111', '222222');
    expect(user.email).toBe('new@example.com');
    expect(body).toEqual({ newTarget: 'new@example.com', currentCode: '111111', newCode: '222222' });
  });
});
