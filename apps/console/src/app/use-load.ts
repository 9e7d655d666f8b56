import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from './session';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload(): void;
}

/**
 * Reads through the typed client when the dependencies change. A re-read (live tick, reload) keeps
 * what is shown until the new answer arrives, so lists do not flash empty.
 */
export function useLoad<T>(read: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const { expired } = useSession();
  const [data, setData] = useState<T | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [version, setVersion] = useState(0);
  const current = useRef(0);
  const stableRead = useCallback(read, deps);

  useEffect(() => {
    const call = ++current.current;
    setLoading(true);
    stableRead().then(
      (value) => {
        if (call !== current.current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (call !== current.current) return;
        if (!expired(failure)) setError(failure);
        setLoading(false);
      },
    );
  }, [stableRead, version, expired]);

  return { data, loading, error, reload: () => setVersion((value) => value + 1) };
}
