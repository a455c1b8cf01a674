import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ServiceStatusBadge } from './ServiceStatusBadge';

function stubFetch(impl: () => Promise<Response>) {
  const fetchMock = vi.fn(impl);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('ServiceStatusBadge', () => {
  it('says the service is online when /healthz answers 200', async () => {
    const fetchMock = stubFetch(async () => new Response('{"status":"ok"}', { status: 200 }));
    render(<ServiceStatusBadge />);
    expect(screen.getByRole('status').textContent).toContain('Checking');
    expect(await screen.findByText('Service online')).toBeTruthy();
    expect(screen.getByRole('status').dataset.state).toBe('online');
    expect(fetchMock).toHaveBeenCalledWith('/healthz', expect.objectContaining({ cache: 'no-store' }));
  });

  it('says the service is unreachable when the request fails', async () => {
    stubFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    render(<ServiceStatusBadge />);
    const status = screen.getByRole('status');
    await vi.waitFor(() => expect(status.dataset.state).toBe('unreachable'));
    expect(status.textContent).toBe('Service unreachable — check that videopro serve is running');
    expect(status.querySelector('code')?.textContent).toBe('videopro serve');
  });

  it('treats an error status as unreachable', async () => {
    stubFetch(async () => new Response('down', { status: 503 }));
    render(<ServiceStatusBadge />);
    await vi.waitFor(() => expect(screen.getByRole('status').dataset.state).toBe('unreachable'));
  });

  it('checks again on its refresh interval and shows recovery', async () => {
    let up = false;
    const fetchMock = stubFetch(async () => (up ? new Response('ok') : Promise.reject(new TypeError('refused'))));
    render(<ServiceStatusBadge refreshMs={20} />);
    const status = screen.getByRole('status');
    await vi.waitFor(() => expect(status.dataset.state).toBe('unreachable'));
    up = true;
    await vi.waitFor(() => expect(status.dataset.state).toBe('online'));
    expect(fetchMock.mock.calls.length).toBeGreaterThanOrEqual(2);
  });
});
