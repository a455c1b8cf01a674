import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AuthProvider } from './accounts/auth';
import { Layout } from './components/Layout';
import { LandingPage } from './pages/LandingPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PrivacyPolicyPage } from './pages/PrivacyPolicyPage';
import { SecurityCenterPage } from './pages/account/SecurityCenterPage';
import { SignInPage } from './pages/account/SignInPage';
import { SignUpPage } from './pages/account/SignUpPage';
import { EnterprisePage } from './pages/enterprise/EnterprisePage';
import { EnterpriseRegisterPage } from './pages/enterprise/EnterpriseRegisterPage';
import { EnterprisesPage } from './pages/enterprise/EnterprisesPage';
import { InvitationsPage } from './pages/enterprise/InvitationsPage';
import { IncidentsPage } from './pages/privacy/IncidentsPage';

// The developer media test page carries mediasoup-client: loaded only when visited.
const MediaTestPage = lazy(() => import('./pages/dev/MediaTestPage').then((m) => ({ default: m.MediaTestPage })));

/** The client's pages. The router itself is provided by main.tsx (or by a test). */
export function App() {
  return (
    <AuthProvider>
      <Layout>
        <Routes>
          <Route path="/" element={<LandingPage />} />
          <Route path="/privacy" element={<PrivacyPolicyPage />} />
          <Route path="/incidents" element={<IncidentsPage />} />
          <Route path="/signup" element={<SignUpPage />} />
          <Route path="/signin" element={<SignInPage />} />
          <Route path="/settings/security" element={<SecurityCenterPage />} />
          <Route path="/enterprise" element={<EnterprisesPage />} />
          <Route path="/enterprise/register" element={<EnterpriseRegisterPage />} />
          <Route path="/enterprise/:enterpriseId" element={<EnterprisePage />} />
          <Route path="/invitations" element={<InvitationsPage />} />
          <Route
            path="/dev/media"
            element={
              <Suspense fallback={<p className="container">Loading…</p>}>
                <MediaTestPage />
              </Suspense>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Layout>
    </AuthProvider>
  );
}
