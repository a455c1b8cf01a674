import { useEffect, useMemo, useState } from 'react';
import { useAuth } from '../accounts/auth';
import { PrivacyClient, type PolicyVersionInfo } from '../api/privacy';
import { PolicyView } from '../privacy/PolicyView';
import { defaultPolicy } from '../privacy/default';
import type { PolicyDocument } from '../privacy/policy';
import { asPublishedPolicy, documentFromPublished } from '../privacy/published';
import { RecipientsSection } from './privacy/RecipientsSection';

/**
 * The policy in force: the operator's current published version from the privacy
 * center (GET /api/v1/policy) and the history of versions; the default policy shipped
 * with VideoPro until an operator publishes one (or while the server cannot be asked).
 */
export function PrivacyPolicyPage({ policy: given }: { policy?: PolicyDocument }) {
  const { client } = useAuth();
  const privacy = useMemo(() => new PrivacyClient(client), [client]);
  const [published, setPublished] = useState<PolicyDocument | null>(null);
  const [history, setHistory] = useState<PolicyVersionInfo[]>([]);

  useEffect(() => {
    if (given) return;
    let live = true;
    void (async () => {
      try {
        // The history first: it answers 200 even before any version is published, so
        // the page never asks for a policy that does not exist (no 404 in the console).
        const versions = await privacy.policyVersions();
        if (!live || !Array.isArray(versions) || !versions.some((v) => v.inForce)) return;
        const current = asPublishedPolicy(await privacy.policy());
        if (!live || !current) return;
        setPublished(documentFromPublished(current));
        setHistory(versions);
      } catch {
        // keep the default policy
      }
    })();
    return () => {
      live = false;
    };
  }, [given, privacy]);

  const policy = given ?? published ?? defaultPolicy;
  return (
    <div className="container container--text">
      <title>{`${policy.title} — VideoPro`}</title>
      <PolicyView policy={policy} />
      {history.length > 0 && (
        <section aria-labelledby="policy-history-title" className="policy-history">
          <h2 id="policy-history-title">Versions of this policy</h2>
          <ul>
            {history.map((v) => (
              <li key={v.version}>
                Version {v.version}, effective {v.effectiveAt.slice(0, 10)}
                {v.material ? ' (material change: accepted anew)' : ''}
                {v.inForce ? ' — in force' : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <RecipientsSection />
    </div>
  );
}
