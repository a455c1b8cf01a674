// Who is signed in, for every page. The session cookie is HttpOnly, so the page
// cannot see it; a small hint in localStorage (no personal data) records that this
// browser signed in, so that visitors who never did are not asked GET /api/v1/me.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { AccountsClient, ApiError, type User } from '../api/accounts';

export const SESSION_HINT_KEY = 'videopro.signed-in';

export type AuthState =
  | { status: 'checking' }
  | { status: 'signedOut'; ended: boolean }
  | { status: 'signedIn'; user: User; sessionId: number | null };

export interface Auth {
  state: AuthState;
  client: AccountsClient;
  /** Records a successful sign-in (registration, login, password change). */
  signedIn(user: User, sessionId?: number | null): void;
  /** Signs this browser out (server and client); resolves to the failure, or null. */
  signOut(): Promise<unknown>;
  /** Asks the server who is signed in. */
  refresh(): Promise<void>;
}

function readHint(): boolean {
  try {
    return window.localStorage.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    return true; // storage unavailable: ask the server
  }
}

function writeHint(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(SESSION_HINT_KEY, '1');
    else window.localStorage.removeItem(SESSION_HINT_KEY);
  } catch {
    // storage unavailable: the hint is only an optimisation
  }
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children, client: given }: { children: ReactNode; client?: AccountsClient }) {
  const client = useMemo(() => given ?? new AccountsClient(), [given]);
  const [state, setState] = useState<AuthState>(() =>
    readHint() ? { status: 'checking' } : { status: 'signedOut', ended: false },
  );

  const refresh = useCallback(async () => {
    try {
      const me = await client.me();
      if (me) {
        writeHint(true);
        setState({ status: 'signedIn', user: me.user, sessionId: me.session.id });
      } else {
        writeHint(false);
        setState({ status: 'signedOut', ended: false });
      }
    } catch {
      // The server is unreachable or busy: treat as signed out for now, keep the hint.
      setState({ status: 'signedOut', ended: false });
    }
  }, [client]);

  useEffect(() => {
    client.onSignedOut = () => {
      writeHint(false);
      setState((previous) => ({ status: 'signedOut', ended: previous.status === 'signedIn' }));
    };
    if (readHint()) void refresh();
    return () => {
      client.onSignedOut = null;
    };
  }, [client, refresh]);

  const signedIn = useCallback((user: User, sessionId: number | null = null) => {
    writeHint(true);
    setState({ status: 'signedIn', user, sessionId });
  }, []);

  const signOut = useCallback(async (): Promise<unknown> => {
    try {
      await client.logout();
    } catch (e) {
      if (!(e instanceof ApiError && e.signedOut)) return e; // still signed in: say so
    }
    writeHint(false);
    setState({ status: 'signedOut', ended: false });
    return null;
  }, [client]);

  const auth = useMemo(
    () => ({ state, client, signedIn, signOut, refresh }),
    [state, client, signedIn, signOut, refresh],
  );
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

const fallbackClient = new AccountsClient();
const signedOutAuth: Auth = {
  state: { status: 'signedOut', ended: false },
  client: fallbackClient,
  signedIn: () => {},
  signOut: async () => null,
  refresh: async () => {},
};

/** The auth state; outside an AuthProvider (isolated component tests) nobody is signed in. */
export function useAuth(): Auth {
  return useContext(AuthContext) ?? signedOutAuth;
}

/** The name to show for a user: the display name, else the email or number. */
export function nameOf(user: User): string {
  return user.displayName || user.email || user.phone || 'your account';
}
