'use client';

import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';

// Side tabs unmount when another tab is chosen; what a person picked in one survives in this page's memory.
const memory = new Map<string, unknown>();

/** useState that outlives its component for the page's lifetime: a tab's choices are there again when the tab comes back. */
export function usePanelMemory<T>(key: string, initial: T): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => (memory.has(key) ? (memory.get(key) as T) : initial));
  useEffect(() => {
    memory.set(key, value);
  }, [key, value]);
  return [value, setValue];
}
