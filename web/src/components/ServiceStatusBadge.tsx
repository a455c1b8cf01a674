import { useEffect, useRef, useState } from 'react';
import { checkServiceHealth, type ServiceHealth } from '../api/health';

export const STATUS_REFRESH_MS = 30_000;

type BadgeState = ServiceHealth | 'checking';

interface Props {
  /** Injected in tests; defaults to asking the real server. */
  check?: () => Promise<ServiceHealth>;
  refreshMs?: number;
}

/** A live badge telling whether the VideoPro server answers its health check. */
export function ServiceStatusBadge({ check = () => checkServiceHealth(), refreshMs = STATUS_REFRESH_MS }: Props) {
  const [state, setState] = useState<BadgeState>('checking');
  const checkRef = useRef(check);
  useEffect(() => {
    checkRef.current = check;
  });

  useEffect(() => {
    let cancelled = false;
    const run = () => {
      // A hidden tab does not poll; it catches up when shown again.
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
      void checkRef.current().then((health) => {
        if (!cancelled) setState(health);
      });
    };
    run();
    const timer = setInterval(run, refreshMs);
    document.addEventListener('visibilitychange', run);
    return () => {
      cancelled = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', run);
    };
  }, [refreshMs]);

  return (
    <p className={`status-badge status-badge--${state}`} role="status" aria-live="polite" data-state={state}>
      <span className="status-badge__dot" aria-hidden="true" />
      <span className="status-badge__text">
        {state === 'checking' && 'Checking the service…'}
        {state === 'online' && 'Service online'}
        {state === 'unreachable' && (
          <>
            Service unreachable — check that <code>videopro serve</code> is running
          </>
        )}
      </span>
    </p>
  );
}
