import { useCallback, useEffect, useState } from "react";

export type Load<T> = { state: "loading" } | { state: "done"; value: T } | { state: "failed"; error: unknown };

/** Runs `fn` when `key` changes; `reload` runs it again. */
export function useLoad<T>(key: string, fn: () => Promise<T>): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setLoad({ state: "loading" });
    fn().then(
      (value) => live && setLoad({ state: "done", value }),
      (error: unknown) => live && setLoad({ state: "failed", error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` names what fn loads
  }, [key, attempt]);
  return [load, useCallback(() => setAttempt((a) => a + 1), [])];
}
