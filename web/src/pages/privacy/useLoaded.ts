import { useEffect, useState } from 'react';

// Calls `load` once (again when it changes); the value, or failed when it rejected.
export function useLoaded<T>(load: () => Promise<T>): { value: T | null; failed: boolean } {
  const [value, setValue] = useState<T | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    load().then(
      (v) => live && setValue(v),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return { value, failed };
}
