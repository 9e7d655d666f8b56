import { ProblemError } from '@houqin/api-client';
import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from './session';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  /** Why the last read failed. With `data` still set, what is shown is the earlier answer (see `readAt`). */
  error: unknown;
  /** When `data` was read (ms since the epoch). */
  readAt: number | undefined;
  reload(): void;
}

/** A failed re-read is tried again after this long while the earlier answer stays on screen. */
export const RETRY_MS = 5_000;

/**
 * Reads through the typed client when the dependencies change. A re-read (live tick, reload) keeps
 * what is shown until the new answer arrives, so lists do not flash empty; a re-read that fails
 * (a phone losing its network, a shed 503) keeps the earlier answer on screen, says so, and is
 * tried again — a driver's trip does not vanish from under their thumb because one read failed.
 */
export function useLoad<T>(read: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const { expired } = useSession();
  const [data, setData] = useState<T | undefined>();
  const [readAt, setReadAt] = useState<number>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [version, setVersion] = useState(0);
  const current = useRef(0);
  const shown = useRef(false);
  const stableRead = useCallback(read, deps);

  useEffect(() => {
    const call = ++current.current;
    let retry: ReturnType<typeof setTimeout> | undefined;
    setLoading(true);
    stableRead().then(
      (value) => {
        if (call !== current.current) return;
        shown.current = true;
        setData(value);
        setReadAt(Date.now());
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (call !== current.current) return;
        if (!expired(failure)) setError(failure);
        setLoading(false);
        if (shown.current && transient(failure)) retry = setTimeout(() => setVersion((value) => value + 1), RETRY_MS);
      },
    );
    return () => clearTimeout(retry);
  }, [stableRead, version, expired]);

  return { data, loading, error, readAt, reload: () => setVersion((value) => value + 1) };
}

/** Worth reading again: no answer at all, too many requests, or the server's side (shed, unavailable). */
function transient(failure: unknown): boolean {
  return !(failure instanceof ProblemError) || failure.status === 429 || failure.status >= 500;
}
