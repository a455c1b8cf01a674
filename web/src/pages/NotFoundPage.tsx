import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <section className="container container--text not-found" aria-labelledby="not-found-title">
      <title>Page not found — VideoPro</title>
      <h1 id="not-found-title">Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link to="/">Go to the VideoPro home page</Link>
      </p>
    </section>
  );
}
