// A server stand-in for the screens' tests: answers by "METHOD path", records requests,
// and renders a screen inside the router and the auth provider.
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';
import { AuthProvider } from '../accounts/auth';
import { AccountsClient } from '../api/accounts';
import { USER } from './fixtures';

export const ME = { user: USER, csrfToken: 'tok', session: { id: 1, createdAt: '', expiresAt: '', idleExpiresAt: '' } };
export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export type Answer = (body: unknown) => Response;

/** A server stand-in answering by "METHOD path" (answers may be sequences), recording requests. */
export function fakeServer(answers: Record<string, Answer | Answer[]>) {
  const calls: { key: string; body: unknown; csrf: string | undefined }[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${String(input)}`;
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : null;
    calls.push({ key, body, csrf: (init?.headers as Record<string, string>)['X-CSRF-Token'] });
    const answer = answers[key];
    if (!answer) return json(404, { error: { code: 'not_found', message: `unexpected ${key}` } });
    if (Array.isArray(answer)) return (answer.length > 1 ? answer.shift()! : answer[0]!)(body);
    return answer(body);
  });
  return { calls, client: new AccountsClient(fetchImpl as typeof fetch) };
}

export function renderWith(client: AccountsClient, ui: React.ReactNode, path = '/settings/security') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <AuthProvider client={client}>
        <Routes>
          <Route path="/" element={<p>Landing</p>} />
          <Route path="*" element={ui} />
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
}
