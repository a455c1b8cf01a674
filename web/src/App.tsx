import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AuthProvider } from './accounts/auth';
import { Layout } from './components/Layout';
import { LandingPage } from './pages/LandingPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PrivacyPolicyPage } from './pages/PrivacyPolicyPage';
import { ProfilePage } from './pages/account/profile/ProfilePage';
import { SecurityCenterPage } from './pages/account/SecurityCenterPage';
import { SignInPage } from './pages/account/SignInPage';
import { SignUpPage } from './pages/account/SignUpPage';
import { GuardianConsentPage } from './pages/guardian/GuardianConsentPage';
import { OperatorConsolePage } from './pages/operator/OperatorConsolePage';
import { AttendancePage } from './pages/meetings/AttendancePage';
import { JoinByIdPage } from './pages/meetings/JoinByIdPage';
import { MeetingFormPage } from './pages/meetings/MeetingFormPage';
import { MyMeetingsPage } from './pages/meetings/MyMeetingsPage';
import { EnterprisePage } from './pages/enterprise/EnterprisePage';
import { EnterpriseRegisterPage } from './pages/enterprise/EnterpriseRegisterPage';
import { EnterprisesPage } from './pages/enterprise/EnterprisesPage';
import { InvitationsPage } from './pages/enterprise/InvitationsPage';
import { IncidentsPage } from './pages/privacy/IncidentsPage';
import { PolicyGate } from './privacy/PolicyGate';

// The developer media test page carries mediasoup-client: loaded only when visited.
const MediaTestPage = lazy(() => import('./pages/dev/MediaTestPage').then((m) => ({ default: m.MediaTestPage })));
// The meeting page too (pre-join screen and the meeting itself).
const MeetingPage = lazy(() => import('./pages/meetings/MeetingPage').then((m) => ({ default: m.MeetingPage })));
const meetingPage = (
  <Suspense fallback={<p className="container">Loading…</p>}>
    <MeetingPage />
  </Suspense>
);

/** The client's pages. The router itself is provided by main.tsx (or by a test). */
export function App() {
  return (
    <AuthProvider>
      <Layout>
        <PolicyGate>
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
            <Route path="/settings/profile" element={<ProfilePage />} />
            <Route
              path="/dev/media"
              element={
                <Suspense fallback={<p className="container">Loading…</p>}>
                  <MediaTestPage />
                </Suspense>
              }
            />
            <Route path="/guardian" element={<GuardianConsentPage />} />
            <Route path="/operator" element={<OperatorConsolePage />} />
            <Route path="/meetings" element={<MyMeetingsPage />} />
            <Route path="/meetings/new" element={<MeetingFormPage />} />
            <Route path="/meetings/:meetingId/edit" element={<MeetingFormPage />} />
            <Route path="/meetings/:meetingId/attendance" element={<AttendancePage />} />
            <Route path="/join" element={<JoinByIdPage />} />
            <Route path="/m/:meetingId" element={meetingPage} />
            <Route path="/j/:meetingId" element={meetingPage} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </PolicyGate>
      </Layout>
    </AuthProvider>
  );
}
