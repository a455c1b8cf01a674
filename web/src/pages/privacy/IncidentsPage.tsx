import { fetchIncidents, type Incident } from '../../api/privacyRegisters';
import { useLoaded } from '../../components/useLoaded';

function when(iso: string) {
  return iso.slice(0, 16).replace('T', ' ') + ' UTC';
}

// /incidents: the public announcement of security incidents (R-PRIV-8).
export function IncidentsPage({ load = fetchIncidents }: { load?: () => Promise<Incident[]> }) {
  const { value: incidents, failure } = useLoaded(load);
  const failed = failure !== null;
  return (
    <div className="container container--text">
      <title>Security incidents — VideoPro</title>
      <h1>Security incidents</h1>
      {failed && <p role="alert">The announcements could not be loaded. Try again later.</p>}
      {incidents && incidents.length === 0 && <p>No security incident has been announced.</p>}
      {incidents?.map((i) => (
        <article key={i.id} aria-label={`Incident ${i.id}`}>
          <h2>
            {when(i.startedAt)} to {when(i.endedAt)}
          </h2>
          <p>Affected data: {i.categories.join(', ')}</p>
          <h3>What happened</h3>
          <p style={{ whiteSpace: 'pre-wrap' }}>{i.summary}</p>
          <h3>What we did</h3>
          <p style={{ whiteSpace: 'pre-wrap' }}>{i.measures}</p>
          <h3>What you can do</h3>
          <p style={{ whiteSpace: 'pre-wrap' }}>{i.advice}</p>
        </article>
      ))}
    </div>
  );
}
