import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}

describe('App routing', () => {
  beforeEach(() => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"status":"ok"}')),
    );
  });

  it('renders the landing page at /', async () => {
    renderAt('/');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('VideoPro');
    expect(await screen.findByText('Service online')).toBeTruthy();
  });

  it('renders the privacy policy at /privacy', () => {
    renderAt('/privacy');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Privacy policy');
    expect(screen.getByText('Default policy, version 1 (effective on installation)')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: /Your rights/ })).toBeTruthy();
  });

  it('follows the landing page link to the policy', async () => {
    const user = userEvent.setup();
    renderAt('/');
    const main = screen.getByRole('main');
    await user.click(within(main).getByRole('link', { name: /privacy policy/i }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Privacy policy');
  });

  it('shows a not-found page for unknown addresses', () => {
    renderAt('/no-such-page');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Page not found');
    expect(screen.getByRole('link', { name: /home page/i }).getAttribute('href')).toBe('/');
  });
});
