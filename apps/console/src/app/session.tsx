import { CallerView, HouqinClient, ProblemError, TokenPairView, mayCall } from '@houqin/api-client';
import { ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';

/** The tokens of a login, kept in localStorage so a reload or a deep link keeps the person signed in. */
interface StoredSession {
  accessToken: string;
  /** Epoch ms */
  accessTokenExpiresAt: number;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

const STORAGE_KEY = 'houqin.console.session';

function load(): StoredSession | undefined {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : undefined;
  } catch {
    return undefined;
  }
}

function stored(pair: TokenPairView): StoredSession {
  return { accessToken: pair.accessToken, accessTokenExpiresAt: Date.now() + pair.expiresIn * 1000, refreshToken: pair.refreshToken, refreshTokenExpiresAt: pair.refreshTokenExpiresAt };
}

export type Operation = Parameters<typeof mayCall>;

interface SessionContext {
  client: HouqinClient;
  caller: CallerView | undefined;
  /** True while a stored session is being checked at start. */
  restoring: boolean;
  refreshTokenExpiresAt: string | undefined;
  login(input: { username: string; password: string; agencyCode?: string }): Promise<void>;
  /** Signs in with the code the agency's identity provider sent back (the gateway exchanges it). */
  loginWithIdentityProvider(input: { code: string; codeVerifier: string; redirectUri: string; nonce: string }): Promise<void>;
  logout(): Promise<void>;
  /** Whether the caller's roles may call the operation (the gateway's policy table). */
  may<S extends Operation[1]>(service: S, operation: Parameters<typeof mayCall<S>>[2]): boolean;
  /** An error of a call: a 401 ends the session (the person logs in again). */
  expired(error: unknown): boolean;
}

const Context = createContext<SessionContext | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const session = useRef<StoredSession | undefined>(load());
  const [caller, setCaller] = useState<CallerView | undefined>();
  const [restoring, setRestoring] = useState(session.current !== undefined);
  const [refreshTokenExpiresAt, setRefreshTokenExpiresAt] = useState(session.current?.refreshTokenExpiresAt);
  const refreshing = useRef<Promise<string> | undefined>(undefined);

  const save = useCallback((next: StoredSession | undefined) => {
    session.current = next;
    setRefreshTokenExpiresAt(next?.refreshTokenExpiresAt);
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
  }, []);

  const client = useMemo(() => {
    const anonymous = new HouqinClient({ baseUrl: window.location.origin });
    const token = async (): Promise<string> => {
      const current = session.current;
      if (!current) return '';
      if (current.accessTokenExpiresAt - Date.now() > 60_000) return current.accessToken;
      // Refresh tokens are single-use: one refresh at a time, every caller waits for it.
      refreshing.current ??= anonymous.gateway
        .authRefresh({ body: { refreshToken: current.refreshToken } })
        .then((pair) => {
          save(stored(pair));
          return pair.accessToken;
        })
        .catch(() => {
          save(undefined);
          setCaller(undefined);
          return '';
        })
        .finally(() => (refreshing.current = undefined));
      return refreshing.current;
    };
    return new HouqinClient({ baseUrl: window.location.origin, accessToken: token });
  }, [save]);

  useEffect(() => {
    if (!session.current) return;
    client.gateway
      .authMe()
      .then(setCaller, () => save(undefined))
      .finally(() => setRestoring(false));
  }, [client, save]);

  const value = useMemo<SessionContext>(
    () => ({
      client,
      caller,
      restoring,
      refreshTokenExpiresAt,
      login: async ({ username, password, agencyCode }) => {
        const pair = await client.gateway.authLogin({ body: { username, password, ...(agencyCode ? { agencyCode } : {}) } });
        save(stored(pair));
        setCaller(await client.gateway.authMe());
      },
      loginWithIdentityProvider: async (input) => {
        const pair = await client.gateway.authOidc({ body: input });
        save(stored(pair));
        setCaller(await client.gateway.authMe());
      },
      logout: async () => {
        const refreshToken = session.current?.refreshToken;
        await client.gateway.authLogout({ body: refreshToken ? { refreshToken } : {} }).catch(() => undefined);
        save(undefined);
        setCaller(undefined);
      },
      may: (service, operation) => !!caller && mayCall(caller.roles, service, operation),
      expired: (error) => {
        if (error instanceof ProblemError && error.status === 401) {
          save(undefined);
          setCaller(undefined);
          return true;
        }
        return false;
      },
    }),
    [client, caller, restoring, refreshTokenExpiresAt, save],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionContext {
  const value = useContext(Context);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
