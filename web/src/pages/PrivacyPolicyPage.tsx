import { PolicyView } from '../privacy/PolicyView';
import { defaultPolicy } from '../privacy/default';
import type { PolicyDocument } from '../privacy/policy';
import { RecipientsSection } from './privacy/RecipientsSection';

// The privacy center will pass the operator's published version here; until an
// operator publishes one, the default policy is the policy in force.
export function PrivacyPolicyPage({ policy = defaultPolicy }: { policy?: PolicyDocument }) {
  return (
    <div className="container container--text">
      <title>{`${policy.title} — VideoPro`}</title>
      <PolicyView policy={policy} />
      <RecipientsSection />
    </div>
  );
}
