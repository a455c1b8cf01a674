import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, type DevOutbox } from '../../api/accounts';
import { OperatorClient } from '../../api/operator';
import { useAuth } from '../../accounts/auth';
import { errorText } from '../../accounts/ui';
import { EnterRequestSection } from './EnterRequestSection';
import { IncidentsSection, PolicySection, RecipientsSection } from './RegistersSection';
import { RequestsSection } from './RequestsSection';
import '../account/account.css';
import './operator.css';

const TABS = {
  requests: 'Privacy requests',
  enter: 'Enter a request',
  incidents: 'Incidents',
  recipients: 'Recipients',
  policy: 'Policy',
  outbox: 'Development outbox',
} as const;
type Tab = keyof typeof TABS;

type Load = { status: 'loading' } | { status: 'ready'; outbox: DevOutbox } | { status: 'failed'; error: unknown };

/**
 * The operator console: privacy requests, requests entered on a user's behalf, incidents,
 * the recipients register, policy versions, and the development outbox. The server checks
 * the operator role on every call; the outbox call tells who may see the console.
 */
export function OperatorConsolePage() {
  const { client } = useAuth();
  const operator = useMemo(() => new OperatorClient(client), [client]);
  const [tab, setTab] = useState<Tab>('requests');
  const [entered, setEntered] = useState(0);
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
        <nav className="operator-tabs" aria-label="Console sections">
          {(Object.keys(TABS) as Tab[]).map((t) => (
            <button
              key={t}
              type="button"
              className={`button ${t === tab ? '' : 'button--quiet'}`}
              aria-pressed={t === tab}
              onClick={() => setTab(t)}
            >
              {TABS[t]}
            </button>
          ))}
        </nav>
      )}
      {load.status === 'ready' && tab === 'requests' && <RequestsSection key={entered} client={operator} />}
      {load.status === 'ready' && tab === 'enter' && (
        <EnterRequestSection client={operator} onEntered={() => setEntered((n) => n + 1)} />
      )}
      {load.status === 'ready' && tab === 'incidents' && <IncidentsSection client={operator} />}
      {load.status === 'ready' && tab === 'recipients' && <RecipientsSection client={operator} />}
      {load.status === 'ready' && tab === 'policy' && <PolicySection client={operator} />}
      {load.status === 'ready' && tab === 'outbox' && (
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
