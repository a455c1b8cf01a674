// The Security Center's privacy part: "Download my data" (R-PRIV-3), requests about
// one's data (R-PRIV-6) and account cancellation (R-PRIV-5).
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useAuth } from '../../accounts/auth';
import { Field, FormError } from '../../accounts/ui';
import { ApiError } from '../../api/accounts';
import { PrivacyClient, type DataExport, type PrivacyRequest, type RequestKind } from '../../api/privacy';

/** The confirmation the user must answer before cancellation (R-PRIV-5), word for word. */
export const CANCELLATION_WARNING =
  'Account cannot be restored after cancellation. Are you sure you want to cancel this account?';

const POLL_MS = 1000;

function usePrivacyClient(): PrivacyClient {
  const { client } = useAuth();
  return useMemo(() => new PrivacyClient(client), [client]);
}

export function DataExportCard() {
  const privacy = usePrivacyClient();
  const [latest, setLatest] = useState<DataExport | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const poll = useCallback(
    async (id: string) => {
      try {
        const status = await privacy.exportStatus(id);
        setLatest(status);
        if (status.status === 'queued' || status.status === 'running') {
          timer.current = setTimeout(() => void poll(id), POLL_MS);
        }
      } catch (e) {
        setFailure(e);
      }
    },
    [privacy],
  );

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const list = await privacy.exports();
        const newest = Array.isArray(list) ? list[0] : undefined;
        if (live && newest) {
          setLatest(newest);
          if (newest.status === 'queued' || newest.status === 'running') void poll(newest.id);
        }
      } catch {
        // the button still works
      }
    })();
    return () => {
      live = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [privacy, poll]);

  async function start() {
    setBusy(true);
    setFailure(null);
    try {
      const started = await privacy.requestExport();
      setLatest(started);
      void poll(started.id);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  const working = latest?.status === 'queued' || latest?.status === 'running';
  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">Download my data</h2>
      <p className="field__hint">
        A ZIP archive with everything VideoPro stores about you: one JSON file per kind of data and an index page that
        explains each. It is prepared in the background and can be downloaded for 5 days, by you only.
      </p>
      {working && latest && (
        <div role="status">
          <p>Preparing your archive… {latest.progress}%</p>
          <progress max={100} value={latest.progress} aria-label="Archive progress" />
        </div>
      )}
      {latest?.status === 'ready' && latest.downloadUrl && (
        <p role="status">
          Your archive is ready ({Math.max(1, Math.round(latest.bytes / 1024))} KB).{' '}
          <a href={latest.downloadUrl} download>
            Download the archive
          </a>{' '}
          (available until {latest.expiresAt?.slice(0, 10)}).
        </p>
      )}
      {latest?.status === 'failed' && (
        <p className="form-error" role="alert">
          The archive could not be prepared. Try again; if it fails again, contact the operator.
        </p>
      )}
      <FormError error={failure} />
      <button type="button" className="button" onClick={() => void start()} disabled={busy || working}>
        {working ? 'Preparing…' : 'Download my data'}
      </button>
    </section>
  );
}

type CancelStep = 'idle' | 'confirm' | 'code';

export function AccountCancellationCard() {
  const privacy = usePrivacyClient();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const [step, setStep] = useState<CancelStep>('idle');
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function confirmed() {
    setBusy(true);
    setFailure(null);
    try {
      await privacy.requestCancellationCode();
      setStep('code');
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  async function cancel(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) {
      setFailure('Enter the 6-digit code we sent you.');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await privacy.cancelAccount(code.trim());
      await refresh();
      navigate('/?cancelled=1', { replace: true });
    } catch (e) {
      setFailure(
        e instanceof ApiError && e.code === 'reauthentication_failed'
          ? 'The code is not right or has expired. Check it, or start again for a new code.'
          : e,
      );
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="cancel-title">
      <h2 id="cancel-title">Account cancellation</h2>
      <p className="field__hint">
        Closes your account at once. Your personal information is deleted or anonymised and your meetings are destroyed.
      </p>
      {step === 'idle' && (
        <button type="button" className="button button--danger" onClick={() => setStep('confirm')}>
          Cancel my account
        </button>
      )}
      {step === 'confirm' && (
        <div role="alertdialog" aria-modal="true" aria-labelledby="cancel-warning" className="confirm-dialog">
          <p id="cancel-warning">
            <strong>{CANCELLATION_WARNING}</strong>
          </p>
          <button type="button" className="button button--danger" onClick={() => void confirmed()} disabled={busy}>
            {busy ? 'Sending a code…' : 'Yes, cancel this account'}
          </button>{' '}
          <button type="button" className="button button--quiet" onClick={() => setStep('idle')}>
            No, keep it
          </button>
        </div>
      )}
      {step === 'code' && (
        <form onSubmit={(e) => void cancel(e)} noValidate>
          <p>We sent a code to your email address or mobile number. Enter it to confirm that it is you.</p>
          <Field
            label="Code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <button type="submit" className="button button--danger" disabled={busy}>
            {busy ? 'Cancelling…' : 'Cancel my account now'}
          </button>{' '}
          <button type="button" className="button button--quiet" onClick={() => setStep('idle')} disabled={busy}>
            Stop
          </button>
        </form>
      )}
      <FormError error={failure} />
    </section>
  );
}

const KIND_LABELS: Record<RequestKind, string> = {
  access: 'Tell me what data you hold about me',
  copy: 'Send me a copy of my data',
  correction: 'Correct my data',
  deletion: 'Delete some of my data',
  cancellation: 'Cancel my account (by the operator)',
  explanation: 'Explain how you process my data',
};

const STATUS_LABELS: Record<PrivacyRequest['status'], string> = {
  received: 'Received',
  in_progress: 'In progress',
  answered: 'Answered',
  refused: 'Refused',
};

/** Requests about one's data (R-PRIV-6), answered within 15 working days. */
export function PrivacyRequestsCard() {
  const privacy = usePrivacyClient();
  const [requests, setRequests] = useState<PrivacyRequest[]>([]);
  const [kind, setKind] = useState<RequestKind>('access');
  const [details, setDetails] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const list = await privacy.requests();
      if (Array.isArray(list)) setRequests(list);
    } catch (e) {
      setFailure(e);
    }
  }, [privacy]);

  useEffect(() => {
    void load();
  }, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (details.trim() === '') {
      setFailure('Say what you would like us to do.');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await privacy.fileRequest(kind, details.trim());
      setDetails('');
      await load();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="requests-title">
      <h2 id="requests-title">Requests about your data</h2>
      <p className="field__hint">We answer within 15 working days. A refusal always comes with our reasons.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span className="field__label">What you ask</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as RequestKind)}>
            {(Object.keys(KIND_LABELS) as RequestKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Details</span>
          <textarea value={details} maxLength={4000} rows={3} onChange={(e) => setDetails(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Sending…' : 'Send request'}
        </button>
      </form>
      <FormError error={failure} />
      {requests.length > 0 && (
        <ul aria-label="Your requests" className="request-list">
          {requests.map((r) => (
            <li key={r.id}>
              <strong>{r.kind in KIND_LABELS ? KIND_LABELS[r.kind as RequestKind] : r.kind}</strong> —{' '}
              {STATUS_LABELS[r.status] ?? r.status}
              {r.status === 'received' || r.status === 'in_progress'
                ? `, answer due by ${r.dueAt.slice(0, 10)}`
                : r.answer
                  ? `: ${r.answer}`
                  : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
