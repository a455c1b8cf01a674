import { Link } from 'react-router';
import { useAuth } from '../../accounts/auth';

/** The page for signed-out visitors of a signed-in page: what to do, with a link back here. */
export function SignInFirst({ title, reason, next }: { title: string; reason: string; next: string }) {
  const { state } = useAuth();
  return (
    <section className="container account-page" aria-labelledby="sign-in-first-title">
      <title>{`${title} — VideoPro`}</title>
      <h1 id="sign-in-first-title">{title}</h1>
      <p role="status">
        {state.status === 'checking'
          ? 'Checking your session…'
          : state.status === 'signedOut' && state.ended
            ? `Your session has ended. Sign in again ${reason}.`
            : `Sign in ${reason}.`}
      </p>
      {state.status !== 'checking' && (
        <p>
          <Link to={`/signin?next=${encodeURIComponent(next)}`} className="button-link">
            Sign in
          </Link>{' '}
          or <Link to="/signup">create an account</Link>
        </p>
      )}
    </section>
  );
}
