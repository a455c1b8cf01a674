import { useCallback, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../accounts/auth';
import { FormError } from '../../accounts/ui';
import { ApiError } from '../../api/accounts';
import { EnterprisesClient } from '../../api/enterprises';
import { useLoaded } from '../../components/useLoaded';
import { CancellationsCard } from './CancellationsCard';
import { InvitationsCard } from './InvitationsCard';
import { MembersCard } from './MembersCard';
import { SignInFirst } from './SignInFirst';
import '../account/account.css';
import './enterprise.css';

/** One enterprise: administrators manage members, invitations and cancellation requests; members see names. */
export function EnterprisePage() {
  const { state } = useAuth();
  const { enterpriseId } = useParams();
  if (state.status !== 'signedIn') {
    return (
      <SignInFirst title="Enterprise" reason="to see this enterprise" next={`/enterprise/${enterpriseId ?? ''}`} />
    );
  }
  const id = Number(enterpriseId);
  if (!Number.isInteger(id) || id <= 0) {
    return <NotFound />;
  }
  return <EnterpriseView key={id} id={id} />;
}

function NotFound() {
  return (
    <section className="container account-page" aria-labelledby="enterprise-title">
      <title>Enterprise not found — VideoPro</title>
      <h1 id="enterprise-title">Enterprise not found</h1>
      <p role="alert">
        This enterprise is not among yours. Check the link, or ask its administrator to invite you.{' '}
        <Link to="/enterprise">Your enterprises</Link>
      </p>
    </section>
  );
}

function EnterpriseView({ id }: { id: number }) {
  const { client } = useAuth();
  const enterprises = useMemo(() => new EnterprisesClient(client), [client]);
  const {
    value: enterprise,
    failure,
    reload: load,
  } = useLoaded(useCallback(() => enterprises.enterprise(id), [enterprises, id]));

  if (failure instanceof ApiError && failure.code === 'enterprise_not_found') return <NotFound />;
  const administrator = enterprise?.role === 'administrator' && enterprise.status === 'active';
  return (
    <section className="container account-page account-page--wide" aria-labelledby="enterprise-title">
      <title>{`${enterprise?.name ?? 'Enterprise'} — VideoPro`}</title>
      <h1 id="enterprise-title">{enterprise?.name ?? 'Enterprise'}</h1>
      <FormError error={failure} />
      {enterprise === null && failure === null && <p role="status">Loading…</p>}
      {enterprise && (
        <>
          <p className="account-page__lead">
            You are {administrator ? 'an administrator' : 'a member'} of this enterprise
            {enterprise.status === 'disabled' ? ', but your membership is disabled' : ''}.{' '}
            <Link to="/enterprise">Your enterprises</Link>
          </p>
          {administrator && (
            <dl className="card">
              <dt>Contact</dt>
              <dd>
                {enterprise.contactName}, {enterprise.contactEmail}, {enterprise.contactPhone}
              </dd>
              {enterprise.notes && (
                <>
                  <dt>Notes</dt>
                  <dd>{enterprise.notes}</dd>
                </>
              )}
            </dl>
          )}
          {enterprise.status === 'active' && <MembersCard client={enterprises} id={id} onChanged={() => void load()} />}
          {administrator && <InvitationsCard client={enterprises} id={id} />}
          <CancellationsCard client={enterprises} id={id} administrator={administrator} />
        </>
      )}
    </section>
  );
}
