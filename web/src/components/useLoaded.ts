import { useCallback, useEffect, useState } from 'react';

/**
 * Loads a value on mount and whenever `fetcher` changes (keep it stable with
 * useCallback); `reload` fetches again. A failure is kept in `failure` and shown
 * by the caller; `setFailure` lets the caller report its own.
 */
export function useLoaded<T>(fetcher: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      setValue(await fetcher());
      setFailure(null);
    } catch (e) {
      setFailure(e);
    }
  }, [fetcher]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { value, failure, setFailure, reload };
}
