import { useEffect, type ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { CookieBanner, CookieChoicesButton } from './CookieBanner';

/** Scrolls to the top on page changes, or to the element named by the URL's hash. */
function useScrollOnNavigate() {
  const { pathname, hash } = useLocation();
  useEffect(() => {
    if (hash) {
      document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
    } else {
      window.scrollTo(0, 0);
    }
  }, [pathname, hash]);
}

export function Layout({ children }: { children: ReactNode }) {
  useScrollOnNavigate();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="brand" aria-label="VideoPro home">
            <BrandMark />
            <span className="brand__name">VideoPro</span>
          </Link>
          <nav aria-label="Main">
            <NavLink to="/meetings" className="nav-link">
              Meetings
            </NavLink>
            <NavLink to="/join" className="nav-link">
              Join
            </NavLink>
            <NavLink to="/privacy" className="nav-link">
              Privacy policy
            </NavLink>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <span>VideoPro — self-hosted meetings</span>
          <Link to="/privacy">Privacy policy</Link>
          <CookieChoicesButton />
        </div>
      </footer>
      <CookieBanner />
    </div>
  );
}

function BrandMark() {
  return (
    <svg className="brand__mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <path
        d="M7 11.5A2.5 2.5 0 0 1 9.5 9h9a2.5 2.5 0 0 1 2.5 2.5v9a2.5 2.5 0 0 1-2.5 2.5h-9A2.5 2.5 0 0 1 7 20.5z"
        fill="var(--brand-on)"
      />
      <path d="M22 14.2l4-2.6v8.8l-4-2.6z" fill="var(--brand-on)" />
    </svg>
  );
}
