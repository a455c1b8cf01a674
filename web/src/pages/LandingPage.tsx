import { Link } from 'react-router';
import { AccountMenu } from '../accounts/AccountMenu';
import { ServiceStatusBadge } from '../components/ServiceStatusBadge';
import type { ServiceHealth } from '../api/health';

export const PITCH =
  'Video meetings with audio, video, screen sharing, recording and voting, run on your own server so that ' +
  'your personal data stays under your control.';

export function LandingPage({ checkHealth }: { checkHealth?: () => Promise<ServiceHealth> }) {
  return (
    <>
      <title>VideoPro — self-hosted video meetings</title>
      <div className="container">
        <AccountMenu />
      </div>
      <section className="hero container" aria-labelledby="hero-title">
        <h1 id="hero-title" className="hero__title">
          VideoPro
        </h1>
        <p className="hero__pitch">{PITCH}</p>
        {checkHealth ? <ServiceStatusBadge check={checkHealth} /> : <ServiceStatusBadge />}
        <p className="hero__privacy">
          <Link to="/privacy" className="button-link">
            Read the privacy policy
          </Link>
          <span className="hero__privacy-note">
            What this service stores about you, and how to see, copy or delete it.
          </span>
        </p>
      </section>
    </>
  );
}
