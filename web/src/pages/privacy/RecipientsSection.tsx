import { fetchRecipientRegister, type RecipientRegister } from '../../api/privacyRegisters';
import { useLoaded } from '../../components/useLoaded';

// The policy page's live part of §4 and §8: where data is stored (R-PRIV-10) and
// who receives it (R-PRIV-9), as the operator keeps them on the server.
export function RecipientsSection({ load = fetchRecipientRegister }: { load?: () => Promise<RecipientRegister> }) {
  const { value: register, failure } = useLoaded(load);
  const failed = failure !== null;
  if (failed) {
    return (
      <section aria-label="Recipients and storage region">
        <p role="alert">The register of recipients could not be loaded. Try again later.</p>
      </section>
    );
  }
  if (!register) {
    return <section aria-label="Recipients and storage region" aria-busy="true" />;
  }
  return (
    <section aria-label="Recipients and storage region">
      <h2>Where your data is stored</h2>
      <p>
        Storage region: <strong>{register.storageRegion}</strong>
      </p>
      <h2>Who receives your data</h2>
      {register.recipients.length === 0 ? (
        <p>No personal information is shared with other organisations.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Recipient</th>
              <th>Contact</th>
              <th>Purpose</th>
              <th>Categories</th>
              <th>Legal basis</th>
            </tr>
          </thead>
          <tbody>
            {register.recipients.map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td>{r.contact}</td>
                <td>{r.purpose}</td>
                <td>{r.categories.join(', ')}</td>
                <td>{r.legalBasis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
