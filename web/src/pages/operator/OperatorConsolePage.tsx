import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, type DevOutbox } from '../../api/accounts';
import { useAuth } from '../../accounts/auth';
import { errorText } from '../../accounts/ui';
import '../account/account.css';

type Load = { status: 'loading' } | { status: 'ready'; outbox: DevOutbox } | { status: 'failed'; error: unknown };

/** The operator console; its first page lists the development outbox with the codes. */
export function OperatorConsolePage() {
  const { client } = useAuth();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    client.operatorOutbox().then(
      (outbox) => live && setLoad({ status: 'ready', outbox }),
      (error: unknown) => live && setLoad({ status: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [client, round]);

  return (
    <section className="container account-page operator" aria-labelledby="operator-title">
      <title>Operator console — VideoPro</title>
      <h1 id="operator-title">Operator console</h1>
      {load.status === 'loading' && <p>Loading…</p>}
      {load.status === 'failed' && <Refused error={load.error} />}
      {load.status === 'ready' && (
        <>
          <h2>Development outbox</h2>
          {load.outbox.transport === 'external' ? (
            <p>This server sends real email and SMS; the development outbox is not in use.</p>
          ) : (
            <p>
              Messages written by the development transport to the data folder's <code>outbox/</code>, newest first.
            </p>
          )}
          <p>
            <button type="button" className="button button--quiet" onClick={() => setRound((r) => r + 1)}>
              Refresh
            </button>
          </p>
          {load.outbox.messages.length === 0 ? (
            <p>No messages yet.</p>
          ) : (
            <ol className="outbox-list" aria-label="Outbox messages">
              {load.outbox.messages.map((m) => (
                <li key={m.file} className="card">
                  <p>
                    <strong>{m.channel === 'email' ? 'Email' : 'SMS'}</strong> to <span>{m.to}</span> ·{' '}
                    <time dateTime={m.createdAt}>{new Date(m.createdAt).toLocaleString()}</time>
                  </p>
                  {m.subject && <p>{m.subject}</p>}
                  {m.code && (
                    <p>
                      Code: <strong className="outbox-code">{m.code}</strong>
                    </p>
                  )}
                  <details>
                    <summary>Text</summary>
                    <pre className="outbox-text">{m.text}</pre>
                  </details>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

function Refused({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.status === 401) {
    return (
      <p role="alert">
        Sign in with an operator account first. <Link to="/signin?next=/operator">Sign in</Link>
      </p>
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return <p role="alert">This console is for operators of the service only.</p>;
  }
  return <p role="alert">{errorText(error)}</p>;
}
