import type { ReactNode } from 'react';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Year and month of birth (R-MINOR-1), as every new account is asked; `children` follow the inputs. */
export function BirthFields(props: {
  year: string;
  month: string;
  onYear(value: string): void;
  onMonth(value: string): void;
  error?: string | undefined;
  hint: string;
  children?: ReactNode;
}) {
  return (
    <fieldset className="field birth" aria-describedby="birth-hint">
      <legend className="field__label">Year and month of birth</legend>
      <p id="birth-hint" className="field__hint">
        {props.hint}
      </p>
      <div className="birth__inputs">
        <label className="birth__part">
          <span>Year</span>
          <input
            className="field__input"
            name="birthYear"
            inputMode="numeric"
            autoComplete="bday-year"
            placeholder="YYYY"
            maxLength={4}
            value={props.year}
            onChange={(e) => props.onYear(e.target.value)}
            aria-invalid={props.error ? true : undefined}
            required
          />
        </label>
        <label className="birth__part">
          <span>Month</span>
          <select
            className="field__input"
            name="birthMonth"
            autoComplete="bday-month"
            value={props.month}
            onChange={(e) => props.onMonth(e.target.value)}
            aria-invalid={props.error ? true : undefined}
            required
          >
            <option value="">Choose…</option>
            {MONTHS.map((name, i) => (
              <option key={name} value={i + 1}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {props.error && <p className="field__error">{props.error}</p>}
      {props.children}
    </fieldset>
  );
}
