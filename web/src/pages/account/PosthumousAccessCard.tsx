// The Security Center's arrangement for after one's death (policy §6.7(2), R-PRIV-6): by
// default close relatives may exercise one's rights over one's data (with proof of
// relationship); the user may arrange otherwise, and change his mind again. Kept as the
// `posthumous_access` purpose of the consent ledger; operators cannot answer a relative's
// request while it is withdrawn.
import { useEffect, useMemo, useState } from 'react';
import { useAuth } from '../../accounts/auth';
import { useFormAction } from '../../accounts/formAction';
import { PrivacyClient } from '../../api/privacy';

export const POSTHUMOUS_ACCESS_TEXT =
  'After my death, my close relatives may, with proof of their relationship, ask to see, copy, correct or ' +
  'delete the data VideoPro keeps about me — and only that data. I can decide that they may not; VideoPro ' +
  'will then refuse their requests.';

export function PosthumousAccessCard() {
  const { client } = useAuth();
  const privacy = useMemo(() => new PrivacyClient(client), [client]);
  const [allowed, setAllowed] = useState<boolean | null>(null);
  const { busy, run, status, fail } = useFormAction();

  useEffect(() => {
    privacy.posthumousAccess().then(setAllowed, fail);
  }, [privacy, fail]);

  const change = (next: boolean) =>
    run(async () => {
      await privacy.setPosthumousAccess(next);
      setAllowed(next);
      return next
        ? 'Recorded: your close relatives may exercise your rights after your death.'
        : 'Recorded: your close relatives may not exercise your rights after your death.';
    });

  return (
    <section className="card" aria-labelledby="posthumous-title">
      <h2 id="posthumous-title">After my death</h2>
      <p className="field__hint">{POSTHUMOUS_ACCESS_TEXT}</p>
      {allowed !== null && (
        <p>
          {allowed
            ? 'Your close relatives may make these requests.'
            : 'You decided that your close relatives may not make these requests.'}{' '}
          <button type="button" className="button button--quiet" disabled={busy} onClick={() => void change(!allowed)}>
            {allowed ? 'My relatives may not' : 'Allow my relatives again'}
          </button>
        </p>
      )}
      {status}
    </section>
  );
}
