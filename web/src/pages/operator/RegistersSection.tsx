// The operator console's registers: security incidents with their notices (R-PRIV-8),
// the register of recipients (R-PRIV-9) and policy versions (R-PRIV-2).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useFormAction } from '../../accounts/formAction';
import type { OperatorClient, OperatorIncident } from '../../api/operator';
import { fetchRecipientRegister, type Recipient } from '../../api/privacyRegisters';

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function TextField(props: {
  label: string;
  value: string;
  onChange(v: string): void;
  rows?: number;
  type?: string;
  maxLength?: number;
}) {
  return (
    <label className="field">
      <span className="field__label">{props.label}</span>
      {props.rows ? (
        <textarea
          value={props.value}
          rows={props.rows}
          maxLength={props.maxLength ?? 4000}
          onChange={(e) => props.onChange(e.target.value)}
        />
      ) : (
        <input
          className="field__input"
          type={props.type ?? 'text'}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </label>
  );
}

export function IncidentsSection({ client }: { client: OperatorClient }) {
  const [list, setList] = useState<OperatorIncident[]>([]);
  const [draft, setDraft] = useState({
    summary: '',
    categories: '',
    startedAt: '',
    endedAt: '',
    measures: '',
    advice: '',
    published: true,
  });
  const { busy, run, status } = useFormAction();
  const load = useCallback(async () => setList(await client.incidents()), [client]);
  useEffect(() => {
    load().catch(() => {});
  }, [load]);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const recorded = await client.recordIncident({ ...draft, categories: splitList(draft.categories) });
      await load();
      return `Incident recorded; ${recorded.notified} notice(s) queued.`;
    });
  }

  return (
    <section aria-labelledby="incidents-title">
      <h2 id="incidents-title">Security incidents</h2>
      <form onSubmit={submit} noValidate>
        <TextField label="What happened" value={draft.summary} onChange={set('summary')} rows={2} />
        <TextField
          label="Categories affected (comma separated)"
          value={draft.categories}
          onChange={set('categories')}
        />
        <TextField label="From (YYYY-MM-DD or YYYY-MM-DDTHH:MMZ)" value={draft.startedAt} onChange={set('startedAt')} />
        <TextField label="To" value={draft.endedAt} onChange={set('endedAt')} />
        <TextField label="Measures taken" value={draft.measures} onChange={set('measures')} rows={2} />
        <TextField label="Advice to users" value={draft.advice} onChange={set('advice')} rows={2} />
        <label className="field field--check">
          <input
            type="checkbox"
            checked={draft.published}
            onChange={(e) => setDraft((d) => ({ ...d, published: e.target.checked }))}
          />{' '}
          Publish on the announcement page
        </label>
        <button type="submit" className="button" disabled={busy}>
          Record and notify
        </button>
      </form>
      {status}
      <ul aria-label="Incidents">
        {list.map((i) => (
          <li key={i.id}>
            {i.startedAt.slice(0, 10)} – {i.endedAt.slice(0, 10)}: {i.summary} ({i.notified} notified
            {i.published ? ', published' : ', not published'})
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RecipientsSection({ client }: { client: OperatorClient }) {
  const [list, setList] = useState<Recipient[]>([]);
  const [draft, setDraft] = useState({ name: '', contact: '', purpose: '', categories: '', legalBasis: '' });
  const { busy, run, status } = useFormAction();
  const load = useCallback(async () => setList((await fetchRecipientRegister()).recipients), []);
  useEffect(() => {
    load().catch(() => {});
  }, [load]);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const added = await client.addRecipient({ ...draft, categories: splitList(draft.categories) });
      await load();
      return `Added ${added.name}.`;
    });
  }

  return (
    <section aria-labelledby="recipients-title">
      <h2 id="recipients-title">Recipients register</h2>
      <ul aria-label="Recipients">
        {list.map((r) => (
          <li key={r.id}>
            {r.name} — {r.purpose} ({r.categories.join(', ')}; {r.legalBasis}){' '}
            <button
              type="button"
              className="button button--quiet"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await client.removeRecipient(r.id);
                  await load();
                  return `Removed ${r.name}.`;
                })
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate>
        <TextField label="Name" value={draft.name} onChange={set('name')} />
        <TextField label="Contact" value={draft.contact} onChange={set('contact')} />
        <TextField label="Purpose" value={draft.purpose} onChange={set('purpose')} />
        <TextField label="Categories (comma separated)" value={draft.categories} onChange={set('categories')} />
        <TextField label="Legal basis" value={draft.legalBasis} onChange={set('legalBasis')} />
        <button type="submit" className="button" disabled={busy}>
          Add recipient
        </button>
      </form>
      {status}
    </section>
  );
}

export function PolicySection({ client }: { client: OperatorClient }) {
  const [text, setText] = useState('');
  const [effectiveAt, setEffectiveAt] = useState('');
  const [material, setMaterial] = useState(false);
  const { busy, run, status } = useFormAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const published = await client.publishPolicy({ text, effectiveAt, material });
      return `Published version ${published.version}.`;
    });
  }

  return (
    <section aria-labelledby="policy-title">
      <h2 id="policy-title">Publish a policy version</h2>
      <form onSubmit={submit} noValidate>
        <TextField label="Text" value={text} onChange={setText} rows={8} maxLength={204800} />
        <TextField label="Effective date" type="date" value={effectiveAt} onChange={setEffectiveAt} />
        <label className="field field--check">
          <input type="checkbox" checked={material} onChange={(e) => setMaterial(e.target.checked)} /> Material change
          (every user must accept it again)
        </label>
        <button type="submit" className="button" disabled={busy}>
          Publish
        </button>
      </form>
      {status}
    </section>
  );
}
