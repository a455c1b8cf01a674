import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider, SESSION_HINT_KEY } from '../accounts/auth';
import { AccountsClient } from '../api/accounts';
import { COOKIE_CHOICE_KEY, CookieBanner, CookieChoicesButton, readCookieChoice } from './CookieBanner';
import { Layout } from './Layout';

const ME = {
  user: {
    id: 7,
    email: 'ann@example.com',
    phone: null,
    displayName: 'Ann',
    status: 'active',
    hasPassword: false,
    birthYear: 1990,
    birthMonth: 1,
    createdAt: '2026-01-01T00:00:00Z',
  },
  csrfToken: 'c'.repeat(64),
  session: { id: 1, createdAt: '', expiresAt: '', idleExpiresAt: '' },
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('CookieBanner', () => {
  beforeEach(() => {
    window.localStorage.clear();
  });

  it('asks until a choice is made, keeps it locally and sets no cookie', async () => {
    const user = userEvent.setup();
    const fetchImpl = vi.fn(async () => json({}));
    render(
      <MemoryRouter>
        <AuthProvider client={new AccountsClient(fetchImpl)}>
          <CookieBanner />
          <CookieChoicesButton />
        </AuthProvider>
      </MemoryRouter>,
    );
    const banner = screen.getByRole('region', { name: 'Cookie choices' });
    expect(banner.textContent).toMatch(/works fully/);
    await user.click(screen.getByRole('button', { name: 'Only necessary cookies' }));
    expect(screen.queryByRole('region', { name: 'Cookie choices' })).toBeNull();
    expect(readCookieChoice()?.optional).toBe(false);
    expect(document.cookie).toBe('');
    expect(fetchImpl).not.toHaveBeenCalled(); // anonymous: nothing leaves the browser

    // "Cookie choices" reopens it, and the new choice replaces the old one.
    await user.click(screen.getByRole('button', { name: 'Cookie choices' }));
    await user.click(screen.getByRole('button', { name: 'Allow optional cookies' }));
    expect(readCookieChoice()?.optional).toBe(true);
  });

  it('records a signed-in user’s choice in the consent ledger', async () => {
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    const fetchImpl = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) =>
      String(input) === '/api/v1/me' ? json(ME) : json({}, 201),
    );
    const user = userEvent.setup();
    render(
      <MemoryRouter>
        <AuthProvider client={new AccountsClient(fetchImpl as typeof fetch)}>
          <CookieBanner />
        </AuthProvider>
      </MemoryRouter>,
    );
    await waitFor(() => expect(fetchImpl).toHaveBeenCalledWith('/api/v1/me', expect.anything()));
    await user.click(screen.getByRole('button', { name: 'Only necessary cookies' }));
    await waitFor(() => expect(readCookieChoice()?.recordedFor).toBe(7));
    const post = fetchImpl.mock.calls.find(([url]) => String(url) === '/api/v1/consents');
    expect(post).toBeDefined();
    const init = post?.[1] ?? {};
    expect(JSON.parse(String(init.body))).toEqual({
      purpose: 'non_essential_cookies',
      granted: false,
      method: 'banner',
    });
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe(ME.csrfToken);
  });

  it('is a bar after the page content, not over it', () => {
    render(
      <MemoryRouter>
        <Layout>
          <form aria-label="A form">
            <button type="submit">Go</button>
          </form>
        </Layout>
      </MemoryRouter>,
    );
    const banner = screen.getByRole('region', { name: 'Cookie choices' });
    const footer = screen.getByRole('contentinfo');
    // In the flow after the footer: it cannot cover the form above it.
    expect(footer.compareDocumentPosition(banner) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(banner.closest('main')).toBeNull();
    expect(window.localStorage.getItem(COOKIE_CHOICE_KEY)).toBeNull();
  });
});
