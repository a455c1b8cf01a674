import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { LandingPage, PITCH } from './LandingPage';

describe('LandingPage', () => {
  function renderLanding() {
    return render(
      <MemoryRouter>
        <LandingPage checkHealth={async () => 'online'} />
      </MemoryRouter>,
    );
  }

  it('shows the product name as the page heading and the pitch', () => {
    renderLanding();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('VideoPro');
    expect(screen.getByText(PITCH)).toBeTruthy();
  });

  it('links to the privacy policy page', () => {
    renderLanding();
    const link = screen.getByRole('link', { name: /privacy policy/i });
    expect(link.getAttribute('href')).toBe('/privacy');
  });

  it('shows the live service status', async () => {
    renderLanding();
    expect(await screen.findByText('Service online')).toBeTruthy();
  });

  it('offers no dead buttons', () => {
    renderLanding();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
