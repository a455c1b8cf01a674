// The operator console's privacy requests (R-PRIV-6): open ones with their due dates,
// overdue ones first and in red; identity verification, answer, refusal with reasons,
// status history; and the latest closed ones.
import { useCallback, useState, type FormEvent } from 'react';
import { FormError } from '../../accounts/ui';
import { useLoaded } from '../../components/useLoaded';
import { ApiError } from '../../api/accounts';
import type { OperatorClient, OperatorRequest, OperatorRequests } from '../../api/operator';
import type { PrivacyRequest } from '../../api/privacy';

/** The kinds of request, as the console names them. */
export const REQUEST_KINDS: Record<PrivacyRequest['kind'], string> = {
  access: 'Access',
  copy: 'Copy',
  correction: 'Correction',
  deletion: 'Deletion',
  cancellation: 'Account cancellation',
  explanation: 'Explanation of rules',
  deceased_relative: "Deceased user's relative",
};

/** What the operator sees of a failed call; the server's words for its own refusals. */
function failureText(error: unknown): unknown {
  if (error instanceof ApiError && error.code === 'reason_required') {
    return 'Give the reasons for the refusal: a refusal without reasons is not allowed.';
  }
  if (error instanceof ApiError && error.code === 'identity_not_verified') {
    return "Verify the requester's identity before answering.";
  }
  return error;
}

function RequestCard({
  request,
  client,
  onChanged,
}: {
  request: OperatorRequest;
  client: OperatorClient;
  onChanged(): void;
}) {
  const [answer, setAnswer] = useState('');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const open = request.status === 'received' || request.status === 'in_progress';

  async function act(what: () => Promise<unknown>) {
    setBusy(true);
    setFailure(null);
    try {
      await what();
      onChanged();
    } catch (e) {
      setFailure(failureText(e));
    } finally {
      setBusy(false);
    }
  }

  const carriedOut =
    request.kind === 'cancellation'
      ? 'Answering closes the account through the cancellation pipeline.'
      : request.category
        ? `Answering deletes the category ${request.category}.`
        : null;

  return (
    <li
      className={`card operator-request${request.overdue ? ' operator-request--overdue' : ''}`}
      aria-label={`Request ${request.id}`}
    >
      <p>
        <strong>{REQUEST_KINDS[request.kind]}</strong> · {request.status.replace('_', ' ')} · via {request.channel}
        {request.overdue && (
          <strong className="operator-request__late" role="status">
            {' '}
            · OVERDUE
          </strong>
        )}
      </p>
      <p>
        Received {request.receivedAt.slice(0, 10)} · due{' '}
        <time dateTime={request.dueAt}>{request.dueAt.slice(0, 10)}</time> · from {request.requesterContact}
        {request.userId !== null && <> · account {request.userId}</>} · identity{' '}
        {request.identityVerified ? 'verified' : 'not verified'}
      </p>
      <p className="operator-request__details">{request.details}</p>
      {request.answer && <p>Answer: {request.answer}</p>}
      <details>
        <summary>Status history</summary>
        <ol>
          {request.history.map((h, i) => (
            <li key={i}>
              {h.at.slice(0, 16).replace('T', ' ')} — {h.status} by {h.actor}
              {h.note ? ` (${h.note})` : ''}
            </li>
          ))}
        </ol>
      </details>
      {open && (
        <>
          {!request.identityVerified && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void act(() => client.verify(request.id))}
            >
              Identity verified
            </button>
          )}
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              void act(() => client.answer(request.id, answer.trim()));
            }}
          >
            <label className="field">
              <span className="field__label">Answer</span>
              <textarea value={answer} maxLength={4000} rows={2} onChange={(e) => setAnswer(e.target.value)} />
            </label>
            {carriedOut && <p className="field__hint">{carriedOut}</p>}
            <button type="submit" className="button" disabled={busy}>
              Answer
            </button>
          </form>
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              void act(() => client.refuse(request.id, reason));
            }}
          >
            <label className="field">
              <span className="field__label">Reasons for a refusal</span>
              <textarea value={reason} maxLength={4000} rows={2} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button type="submit" className="button button--danger" disabled={busy}>
              Refuse
            </button>
          </form>
        </>
      )}
      <FormError error={failure} />
    </li>
  );
}

export function RequestsSection({ client }: { client: OperatorClient }) {
  const {
    value: data,
    failure,
    reload: load,
  } = useLoaded<OperatorRequests>(useCallback(() => client.requests(), [client]));

  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">Privacy requests</h2>
      <FormError error={failure} />
      {data && (
        <>
          <p role="status">
            {data.open.length} open
            {data.overdue > 0 && <strong className="operator-request__late">, {data.overdue} overdue</strong>}.
          </p>
          <ol className="operator-requests" aria-label="Open requests">
            {data.open.map((r) => (
              <RequestCard key={r.id} request={r} client={client} onChanged={() => void load()} />
            ))}
          </ol>
          {data.closed.length > 0 && (
            <>
              <h3>Recently closed</h3>
              <ol className="operator-requests" aria-label="Closed requests">
                {data.closed.map((r) => (
                  <RequestCard key={r.id} request={r} client={client} onChanged={() => void load()} />
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}
