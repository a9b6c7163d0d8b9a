import { useEffect, useState } from 'react';

/** Milliseconds since `since`, ticking each second while the component is shown. */
export function useElapsed(since: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, now - since);
}
