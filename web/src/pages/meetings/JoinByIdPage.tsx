// /join — type a meeting ID (or paste a link) to get to its join page.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { parseMeetingInput } from '../../api/meetings';
import { Field } from '../../accounts/ui';
import '../account/account.css';
import './meetings.css';

export function JoinByIdPage() {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const meetingId = parseMeetingInput(text);
    if (!meetingId) {
      setError('A meeting ID has 9 to 11 digits, like 123 456 7890. Check it and type it again.');
      return;
    }
    navigate(`/m/${meetingId}`);
  };
  return (
    <section className="container meetings-page meetings-page--narrow">
      <h1>Join a meeting</h1>
      <form className="card meeting-form" onSubmit={submit} noValidate>
        <Field
          label="Meeting ID or link"
          value={text}
          inputMode="numeric"
          autoComplete="off"
          error={error}
          hint="The host can give you the ID or the link."
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="button">
          Continue
        </button>
      </form>
    </section>
  );
}
