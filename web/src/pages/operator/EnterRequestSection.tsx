// The operator console: a privacy request received by email, entered on behalf of the
// user (R-PRIV-6); a cancellation goes through the account cancellation pipeline when
// answered (R-PRIV-5), a category deletion through its own (R-PRIV-4).
import { useState, type FormEvent } from 'react';
import { ChoiceField, useFormAction } from '../../accounts/formAction';
import type { EnteredRequest, OperatorClient } from '../../api/operator';
import type { ErasableCategory, ErasureGround } from '../../api/privacy';
import { CATEGORY_LABELS, GROUND_LABELS } from '../account/DataChoicesSection';
import { REQUEST_KINDS } from './RequestsSection';

const CATEGORY_CHOICES: Record<ErasableCategory | '', string> = { '': 'Not one category', ...CATEGORY_LABELS };

export function EnterRequestSection({ client, onEntered }: { client: OperatorClient; onEntered(): void }) {
  const [kind, setKind] = useState<EnteredRequest['kind']>('cancellation');
  const [account, setAccount] = useState('');
  const [contact, setContact] = useState('');
  const [details, setDetails] = useState('');
  const [verified, setVerified] = useState(false);
  const [category, setCategory] = useState<ErasableCategory | ''>('');
  const [ground, setGround] = useState<ErasureGround>('purpose_achieved');
  const [relationship, setRelationship] = useState('');
  const [proof, setProof] = useState('');
  const { busy, run, status } = useFormAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const entered = await client.enter({
        kind,
        requesterContact: contact.trim(),
        details: details.trim(),
        identityVerified: verified,
        ...(account.trim() ? { account: account.trim() } : {}),
        ...(kind === 'deletion' && category ? { category, ground } : {}),
        ...(kind === 'deceased_relative'
          ? { relationship: relationship.trim(), proofOfRelationship: proof.trim() }
          : {}),
      });
      setDetails('');
      onEntered();
      return `Request entered; due ${entered.dueAt.slice(0, 10)}.`;
    });
  }

  return (
    <section aria-labelledby="enter-title">
      <h2 id="enter-title">Enter a request received by email</h2>
      <form onSubmit={submit} noValidate>
        <ChoiceField label="Kind" value={kind} options={REQUEST_KINDS} onChange={setKind} />
        <label className="field">
          <span className="field__label">Account (its email address or mobile number)</span>
          <input
            className="field__input"
            value={account}
            maxLength={320}
            onChange={(e) => setAccount(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">Answer to (requester's email or phone)</span>
          <input
            className="field__input"
            value={contact}
            maxLength={320}
            onChange={(e) => setContact(e.target.value)}
          />
        </label>
        {kind === 'deletion' && (
          <>
            <ChoiceField
              label="Category to delete (optional)"
              value={category}
              options={CATEGORY_CHOICES}
              onChange={setCategory}
            />
            {category && <ChoiceField label="Ground" value={ground} options={GROUND_LABELS} onChange={setGround} />}
          </>
        )}
        {kind === 'deceased_relative' && (
          <>
            <label className="field">
              <span className="field__label">Relationship to the deceased</span>
              <input
                className="field__input"
                value={relationship}
                maxLength={64}
                onChange={(e) => setRelationship(e.target.value)}
              />
            </label>
            <label className="field">
              <span className="field__label">Proof of relationship received (what it is, where it is kept)</span>
              <textarea value={proof} maxLength={1000} rows={2} onChange={(e) => setProof(e.target.value)} />
            </label>
          </>
        )}
        <label className="field">
          <span className="field__label">What is asked (the email's text)</span>
          <textarea value={details} maxLength={4000} rows={3} onChange={(e) => setDetails(e.target.value)} />
        </label>
        <label className="field field--check">
          <input type="checkbox" checked={verified} onChange={(e) => setVerified(e.target.checked)} /> The requester's
          identity is already verified
        </label>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Entering…' : 'Enter request'}
        </button>
      </form>
      {status}
    </section>
  );
}
