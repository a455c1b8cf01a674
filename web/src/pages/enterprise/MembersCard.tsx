import { useCallback, useState } from 'react';
import { FormError } from '../../accounts/ui';
import type { EnterprisesClient, Member, MemberChange } from '../../api/enterprises';
import { useLoaded } from '../../components/useLoaded';
import { MemberName } from './MemberName';

/** Administrators: every member with promote/demote, disable/enable, remove. Members: names and avatars only. */
export function MembersCard({ client, id, onChanged }: { client: EnterprisesClient; id: number; onChanged(): void }) {
  const {
    value: list,
    failure,
    setFailure,
    reload: load,
  } = useLoaded(useCallback(() => client.members(id), [client, id]));
  const [busy, setBusy] = useState<number | null>(null);

  async function act(member: Member, action: () => Promise<unknown>) {
    setBusy(member.userId ?? null);
    setFailure(null);
    try {
      await action();
      await load();
      if (member.you) onChanged();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(null);
    }
  }

  const change = (m: Member, c: MemberChange) => act(m, () => client.changeMember(id, m.userId ?? 0, c));
  const remove = (m: Member) => {
    if (window.confirm(`Remove ${m.displayName || 'this member'} from the enterprise? The account itself stays.`)) {
      void act(m, () => client.removeMember(id, m.userId ?? 0));
    }
  };

  return (
    <div className="card">
      <h2>Members</h2>
      <FormError error={failure} />
      {list === null && failure === null && <p role="status">Loading members…</p>}
      {list && !list.administrator && (
        <ul aria-label="Members" className="plain-list member-list">
          {list.members.map((m, i) => (
            <li key={i}>
              <MemberName member={m} />
            </li>
          ))}
        </ul>
      )}
      {list?.administrator && (
        <div className="table-scroll">
          <table className="member-table" aria-label="Members">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email or mobile</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.members.map((m) => (
                <tr key={m.userId}>
                  <td>
                    <MemberName member={m} />
                  </td>
                  <td>{m.email ?? m.phone ?? '—'}</td>
                  <td>{m.role === 'administrator' ? 'Administrator' : 'Member'}</td>
                  <td>{m.status === 'disabled' ? 'Disabled' : 'Active'}</td>
                  <td>
                    <div className="button-row">
                      <button
                        type="button"
                        className="button button--quiet"
                        disabled={busy !== null}
                        onClick={() =>
                          void change(m, { role: m.role === 'administrator' ? 'member' : 'administrator' })
                        }
                      >
                        {m.role === 'administrator' ? 'Make member' : 'Make administrator'}
                      </button>
                      <button
                        type="button"
                        className="button button--quiet"
                        disabled={busy !== null}
                        onClick={() => void change(m, { status: m.status === 'disabled' ? 'active' : 'disabled' })}
                      >
                        {m.status === 'disabled' ? 'Enable' : 'Disable'}
                      </button>
                      <button
                        type="button"
                        className="button button--quiet"
                        disabled={busy !== null}
                        onClick={() => remove(m)}
                      >
                        Remove
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
