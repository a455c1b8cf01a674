// The Security Center's choices about optional data: the "profile extras" consent
// (R-PRIV-2: withdrawing it erases the details at once) and the deletion of one
// category of one's data on a ground of policy §6.4 (R-PRIV-4).
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useAuth } from '../../accounts/auth';
import { ChoiceField, useFormAction } from '../../accounts/formAction';
import { PrivacyClient, type ErasableCategory, type ErasureGround } from '../../api/privacy';

/** The sentence that asks for the "profile extras" consent, on the profile page and here. */
export const EXTRAS_CONSENT_TEXT =
  'I agree that VideoPro stores the optional details I add to my profile (gender, position, company, department, ' +
  'address) to show them in my profile. I can withdraw this at any time in the Security Center; the details are ' +
  'then erased at once.';

export const CATEGORY_LABELS: Record<ErasableCategory, string> = {
  profile_extras: 'Profile details (gender, position, address, company, department)',
  avatar: 'Avatar picture',
  meeting_history: 'Meetings I created that have ended or were cancelled',
};

export const GROUND_LABELS: Record<ErasureGround, string> = {
  purpose_achieved: 'I no longer need it: the purpose is achieved (§6.4(1)) — deleted at once',
  consent_withdrawn: 'I withdraw my consent (§6.4(3)) — deleted at once',
  unlawful_processing: 'It is processed against the law or our agreement (§6.4(4)) — the operator decides',
  other_law: 'Another legal provision requires it (§6.4(5)) — the operator decides',
};

function usePrivacy(): PrivacyClient {
  const { client } = useAuth();
  return useMemo(() => new PrivacyClient(client), [client]);
}

export function ProfileExtrasConsentCard() {
  const privacy = usePrivacy();
  const [granted, setGranted] = useState<boolean | null>(null);
  const { busy, run, status, fail } = useFormAction();

  useEffect(() => {
    privacy.extrasConsent().then(setGranted, fail);
  }, [privacy, fail]);

  const change = (next: boolean) =>
    run(async () => {
      await privacy.setExtrasConsent(next);
      setGranted(next);
      return next ? 'Consent given.' : 'Consent withdrawn: your profile details were erased.';
    });

  return (
    <section className="card" aria-labelledby="extras-title">
      <h2 id="extras-title">Optional profile details</h2>
      <p className="field__hint">{EXTRAS_CONSENT_TEXT}</p>
      {granted !== null && (
        <p>
          {granted ? 'You have given this consent.' : 'You have not given this consent.'}{' '}
          <button type="button" className="button button--quiet" disabled={busy} onClick={() => void change(!granted)}>
            {granted ? 'Withdraw consent and erase the details' : 'Give consent'}
          </button>
        </p>
      )}
      {status}
    </section>
  );
}

export function CategoryDeletionCard() {
  const privacy = usePrivacy();
  const [category, setCategory] = useState<ErasableCategory>('profile_extras');
  const [ground, setGround] = useState<ErasureGround>('purpose_achieved');
  const [reason, setReason] = useState('');
  const { busy, run, status } = useFormAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      if (reason.trim() === '') throw 'Say in a few words why the data should be deleted.';
      const done = await privacy.deleteCategory(category, ground, reason.trim());
      setReason('');
      return done.carriedOut
        ? `Deleted: ${CATEGORY_LABELS[category]}.`
        : `Your request is recorded; the operator decides by ${done.dueAt.slice(0, 10)}.`;
    });
  }

  return (
    <section className="card" aria-labelledby="erase-title">
      <h2 id="erase-title">Delete one kind of my data</h2>
      <p className="field__hint">
        Keep your account and delete one kind of data. Every request is recorded with its ground; the operator answers
        the ones that need an assessment within 15 working days.
      </p>
      <form onSubmit={submit} noValidate>
        <ChoiceField label="Data to delete" value={category} options={CATEGORY_LABELS} onChange={setCategory} />
        <ChoiceField label="Ground" value={ground} options={GROUND_LABELS} onChange={setGround} />
        <label className="field">
          <span className="field__label">Why</span>
          <textarea value={reason} maxLength={4000} rows={2} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Sending…' : 'Delete this data'}
        </button>
      </form>
      {status}
    </section>
  );
}
