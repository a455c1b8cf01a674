// What the privacy and operator forms share: one action at a time with its busy flag,
// success note and failure; a labelled choice among named options.
import { useState, type ReactNode } from 'react';
import { FormError } from './ui';

/** Runs `what` (which returns the success note), keeping busy, note and failure. */
export function useFormAction() {
  const [failure, setFailure] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (what: () => Promise<string>) => {
    setBusy(true);
    setFailure(null);
    setNote(null);
    try {
      setNote(await what());
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  const status: ReactNode = (
    <>
      {note && (
        <p className="form-note form-note--ok" role="status">
          {note}
        </p>
      )}
      <FormError error={failure} />
    </>
  );
  return { busy, run, status, fail: setFailure };
}

/** A labelled <select> over `options` (value → label). */
export function ChoiceField<T extends string>(props: {
  label: string;
  value: T;
  options: Record<T, string>;
  onChange(value: T): void;
}) {
  return (
    <label className="field">
      <span className="field__label">{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {(Object.keys(props.options) as T[]).map((k) => (
          <option key={k} value={k}>
            {props.options[k]}
          </option>
        ))}
      </select>
    </label>
  );
}
