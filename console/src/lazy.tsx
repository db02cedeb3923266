/**
 * Screens loaded when first opened: the survey editor brings zod (the API's own schemas, 15 KB
 * gzipped) and the templates, so an evaluator or a moderator never downloads them. A failed load says so and offers to retry.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useWords } from './ui.tsx';

export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function Lazy(props: P) {
    const { t } = useWords();
    const [Component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    const [tries, setTries] = useState(0);
    useEffect(() => {
      if (loaded) return;
      load().then(
        (c) => {
          loaded = c;
          setComponent(() => c);
        },
        () => setFailed(true),
      );
    }, [tries]);
    if (Component) return <Component {...props} />;
    if (failed)
      return (
        <div class="notice error" role="alert">
          <p>{t.loadFailed}</p>
          <button
            type="button"
            onClick={() => {
              setFailed(false);
              setTries(tries + 1);
            }}
          >
            {t.retry}
          </button>
        </div>
      );
    return <p role="status">{t.loading}</p>;
  };
}
