// The policy acceptance gate (R-PRIV-2): after a material change a signed-in user
// sees the new version and must accept it before anything else. The server refuses
// every other call meanwhile (403 policy_acceptance_required); this screen blocks the
// pages so that nobody meets those refusals one by one.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useAuth } from '../accounts/auth';
import { FormError } from '../accounts/ui';
import { PrivacyClient } from '../api/privacy';
import { PolicyView } from './PolicyView';
import type { PolicyDocument } from './policy';
import { asPublishedPolicy, documentFromPublished } from './published';

export function PolicyGate({ children }: { children: ReactNode }) {
  const { state, client, signOut } = useAuth();
  const privacy = useMemo(() => new PrivacyClient(client), [client]);
  const [required, setRequired] = useState<number | null>(null);
  // Until the first answer for a signed-in user the pages wait, so that none of them
  // calls the API only to be refused.
  const [checked, setChecked] = useState(false);
  const [policy, setPolicy] = useState<PolicyDocument | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const check = useCallback(async () => {
    try {
      const consents = await privacy.consents();
      const version = typeof consents?.acceptanceRequired === 'number' ? consents.acceptanceRequired : null;
      setRequired(version);
      if (version !== null) {
        const current = asPublishedPolicy(await privacy.policy());
        setPolicy(current ? documentFromPublished(current) : null);
      }
    } catch {
      // cannot tell now; the server still refuses what needs acceptance
    } finally {
      setChecked(true);
    }
  }, [privacy]);

  const signedIn = state.status === 'signedIn';
  useEffect(() => {
    if (signedIn) void check();
    else {
      setRequired(null);
      setChecked(false);
    }
  }, [signedIn, check]);

  useEffect(() => {
    client.onPolicyAcceptanceRequired = () => void check();
    return () => {
      client.onPolicyAcceptanceRequired = null;
    };
  }, [client, check]);

  if (signedIn && !checked) {
    return (
      <p className="container" role="status">
        Loading…
      </p>
    );
  }
  if (!signedIn || required === null) return <>{children}</>;

  async function accept() {
    setBusy(true);
    setFailure(null);
    try {
      await privacy.acceptPolicy();
      await check();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      className="container container--text policy-gate"
      role="dialog"
      aria-modal="true"
      aria-labelledby="gate-title"
    >
      <title>Accept the new privacy policy — VideoPro</title>
      <h1 id="gate-title">Our privacy policy has changed</h1>
      <p>
        Version {required} of the privacy policy changes how we handle your personal information. Read it and accept it
        to go on using VideoPro, or sign out.
      </p>
      <div className="policy-gate__text">
        {policy ? <PolicyView policy={policy} /> : <p role="status">Loading the policy…</p>}
      </div>
      <FormError error={failure} />
      <p className="policy-gate__actions">
        <button type="button" className="button" onClick={() => void accept()} disabled={busy}>
          {busy ? 'Recording your acceptance…' : `Accept version ${required} and continue`}
        </button>{' '}
        <button type="button" className="button button--quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </p>
    </section>
  );
}
