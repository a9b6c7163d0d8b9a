import { useEffect, useState } from 'react';

/**
 * State kept in the tab's sessionStorage, so that the editor's text and choices survive a visit
 * to the query history or a reload.
 */
export function useStoredState(key: string, initial: string): [string, (value: string) => void] {
  const storageKey = `brickyard.sql.${key}`;
  const [value, setValue] = useState(() => sessionStorage.getItem(storageKey) ?? initial);
  useEffect(() => {
    sessionStorage.setItem(storageKey, value);
  }, [storageKey, value]);
  return [value, setValue];
}
