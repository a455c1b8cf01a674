import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../accounts/auth';
import { FormError } from '../../accounts/ui';
import { EnterprisesClient, type Membership } from '../../api/enterprises';
import { SignInFirst } from './SignInFirst';
import '../account/account.css';
import './enterprise.css';

/** The signed-in user's enterprises, with links to register one and to his invitations. */
export function EnterprisesPage() {
  const { state } = useAuth();
  if (state.status !== 'signedIn') {
    return <SignInFirst title="Your enterprises" reason="to see your enterprises" next="/enterprise" />;
  }
  return <EnterpriseList />;
}

function EnterpriseList() {
  const { client } = useAuth();
  const enterprises = useMemo(() => new EnterprisesClient(client), [client]);
  const [list, setList] = useState<Membership[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    enterprises.mine().then(setList, setFailure);
  }, [enterprises]);

  return (
    <section className="container account-page" aria-labelledby="enterprises-title">
      <title>Your enterprises — VideoPro</title>
      <h1 id="enterprises-title">Your enterprises</h1>
      <p className="account-page__lead">
        <Link to="/invitations">Invitations for you</Link> ·{' '}
        <Link to="/enterprise/register">Register an enterprise</Link>
      </p>
      <FormError error={failure} />
      {list === null && failure === null && <p role="status">Loading…</p>}
      {list?.length === 0 && (
        <p className="card">You belong to no enterprise yet. Accept an invitation, or register your enterprise.</p>
      )}
      {list && list.length > 0 && (
        <ul className="plain-list">
          {list.map((m) => (
            <li key={m.id} className="card">
              <Link to={`/enterprise/${m.id}`}>{m.name}</Link>{' '}
              <span className="tag">{m.role === 'administrator' ? 'Administrator' : 'Member'}</span>
              {m.status === 'disabled' && <span className="tag">Disabled</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
