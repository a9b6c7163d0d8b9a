import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, SIGNED_OUT_EVENT, useWorkspaceForCalls } from '../rest/client';
import { signOut as endSession, readSession, type Session } from '../rest/session';

/** The workspace an account admin picked, kept for the tab's lifetime. */
const PICKED_WORKSPACE_KEY = 'brickyard.workspace';

export interface SessionState {
  session: Session;
  /** The workspace every call acts in; undefined until an account admin picks one. */
  workspaceId: number | undefined;
  pickWorkspace: (id: number | undefined) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside a signed-in page');
  return state;
}

function readPicked(): number | undefined {
  const value = Number(sessionStorage.getItem(PICKED_WORKSPACE_KEY));
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/**
 * The signed-in session around every page, or `signedOut` (the sign-in page) when there is none:
 * at first load without a cookie, and whenever the API answers 401 (a revoked or expired token).
 */
export function SessionProvider({
  children,
  signedOut,
}: {
  children: ReactNode;
  signedOut: (reason: string | undefined) => ReactNode;
}) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['session'], queryFn: readSession, retry: false, staleTime: Infinity });
  const [picked, setPicked] = useState<number | undefined>(readPicked);
  const [reason, setReason] = useState<string>();

  useEffect(() => {
    const onSignedOut = (event: Event) => {
      // A refused sign-in or a first load without a cookie ends no session: nothing to explain.
      if (!queryClient.getQueryData(['session'])) return;
      setReason((event as CustomEvent<ApiError>).detail.message);
      queryClient.setQueryData(['session'], null);
    };
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, [queryClient]);

  const session = query.data ?? undefined;
  const workspaceId = session?.workspace_id ?? picked;
  useWorkspaceForCalls(workspaceId);

  const pickWorkspace = useCallback(
    (id: number | undefined) => {
      if (id === undefined) sessionStorage.removeItem(PICKED_WORKSPACE_KEY);
      else sessionStorage.setItem(PICKED_WORKSPACE_KEY, String(id));
      setPicked(id);
      queryClient.removeQueries({ predicate: (entry) => entry.queryKey[0] !== 'session' });
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    await endSession();
    sessionStorage.removeItem(PICKED_WORKSPACE_KEY);
    setReason(undefined);
    // The session query stays in the cache (its observer would miss a new one): it becomes null.
    queryClient.setQueryData(['session'], null);
    queryClient.removeQueries({ predicate: (entry) => entry.queryKey[0] !== 'session' });
  }, [queryClient]);

  const state = useMemo(
    () => (session ? { session, workspaceId, pickWorkspace, signOut } : undefined),
    [session, workspaceId, pickWorkspace, signOut],
  );

  if (query.isPending) return null;
  if (!state) {
    const unexpected = query.error instanceof ApiError && query.error.status !== 401;
    return <>{signedOut(unexpected ? query.error?.message : reason)}</>;
  }
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}
