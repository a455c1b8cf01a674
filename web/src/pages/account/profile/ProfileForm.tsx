import { useId, useState, type FormEvent } from 'react';
import { Field, FormError, SubmitButton } from '../../../accounts/ui';
import { EXTRAS_CONSENT_TEXT } from '../DataChoicesSection';
import { GENDERS, PROFILE_LIMITS, profileChanges } from '../../../accounts/profileValidation';
import {
  PROFILE_FIELDS,
  type Profile,
  type ProfileAnswer,
  type ProfileClient,
  type ProfileField,
} from '../../../api/profile';

type Edited = Record<ProfileField, string>;

function editable(profile: Profile): Edited {
  const out = {} as Edited;
  for (const field of PROFILE_FIELDS) out[field] = profile[field] ?? '';
  return out;
}

/** The "profile extras" consent (R-PRIV-2): its state and how to give it. */
export interface ExtrasConsent {
  granted: boolean;
  grant(): Promise<void>;
}

const EXTRA_FIELDS: ProfileField[] = PROFILE_FIELDS.filter((f) => f !== 'name');

/**
 * Name, gender, position, company, department, address: shown, corrected, saved together.
 * With `extras`, filling a field beyond the name asks for the consent first.
 */
export function ProfileForm(props: {
  client: ProfileClient;
  profile: Profile;
  onSaved(answer: ProfileAnswer): void;
  extras?: ExtrasConsent | undefined;
}) {
  const [edited, setEdited] = useState<Edited>(() => editable(props.profile));
  const [errors, setErrors] = useState<Partial<Record<ProfileField, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const genderId = useId();
  const addressId = useId();

  const set = (field: ProfileField) => (value: string) => {
    setEdited((e) => ({ ...e, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    setNote(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setNote(null);
    const { changes, errors: found } = profileChanges(props.profile, edited);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (Object.keys(changes).length === 0) {
      setNote('Nothing to save: the profile is as shown.');
      return;
    }
    const storesExtras = EXTRA_FIELDS.some((f) => changes[f] !== undefined && changes[f] !== null && changes[f] !== '');
    if (props.extras && !props.extras.granted && storesExtras && !agreed) {
      setFailure('To store these optional details, tick the consent box first — or leave them empty.');
      return;
    }
    setBusy(true);
    try {
      if (props.extras && !props.extras.granted && storesExtras) await props.extras.grant();
      const answer = await props.client.correct(changes);
      setEdited(editable(answer.profile));
      props.onSaved(answer);
      setNote('Profile saved.');
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  const text = (field: ProfileField, label: string, autoComplete: string) => (
    <Field
      label={label}
      name={field}
      type="text"
      autoComplete={autoComplete}
      maxLength={PROFILE_LIMITS[field] * 2}
      value={edited[field]}
      onChange={(e) => set(field)(e.target.value)}
      error={errors[field]}
    />
  );

  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title">Your details</h2>
      <form onSubmit={save} noValidate aria-labelledby="details-title">
        {text('name', 'Name', 'name')}
        <div className="field">
          <label htmlFor={genderId} className="field__label">
            Gender
          </label>
          <select
            id={genderId}
            name="gender"
            className="field__input"
            value={edited.gender}
            onChange={(e) => set('gender')(e.target.value)}
          >
            <option value="">Not given</option>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {g.charAt(0).toUpperCase() + g.slice(1)}
              </option>
            ))}
          </select>
          {errors.gender && <p className="field__error">{errors.gender}</p>}
        </div>
        {text('position', 'Position', 'organization-title')}
        {text('company', 'Company', 'organization')}
        {text('department', 'Department', 'off')}
        <div className="field">
          <label htmlFor={addressId} className="field__label">
            Address
          </label>
          <textarea
            id={addressId}
            name="address"
            className="field__input"
            rows={3}
            autoComplete="street-address"
            value={edited.address}
            aria-invalid={errors.address ? true : undefined}
            onChange={(e) => set('address')(e.target.value)}
          />
          {errors.address && <p className="field__error">{errors.address}</p>}
        </div>
        {props.extras && !props.extras.granted && EXTRA_FIELDS.some((f) => edited[f].trim() !== '') && (
          <label className="field field--check">
            <input
              type="checkbox"
              name="extrasConsent"
              checked={agreed}
              onChange={(e) => setAgreed(e.target.checked)}
            />{' '}
            {EXTRAS_CONSENT_TEXT}
          </label>
        )}
        <SubmitButton busy={busy} busyText="Saving…">
          Save changes
        </SubmitButton>
        {note && (
          <p className="form-note form-note--ok" role="status">
            {note}
          </p>
        )}
        <FormError error={failure} />
      </form>
    </section>
  );
}
