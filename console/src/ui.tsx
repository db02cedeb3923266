/** The console's building blocks: labelled fields with their error, notices, copy buttons. */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useState } from 'preact/hooks';
import type { Lang } from './errors.ts';
import { FR, type Strings } from './i18n.ts';

export const Words = createContext<{ t: Strings; lang: Lang }>({ t: FR, lang: 'fr' });
export const useWords = () => useContext(Words);

/** What ties a control to its field: its id, its invalid state, its hint and error read with it. */
const wiring = (id: string, hint?: unknown, error?: unknown) => ({
  id,
  'aria-invalid': error ? ('true' as const) : undefined,
  'aria-describedby': [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined,
});

interface FieldProps {
  id: string;
  label: ComponentChildren;
  error?: string | undefined;
  hint?: ComponentChildren;
}

/** A labelled control: the label, a hint, the control, and its error announced by screen readers. */
export function Field({ id, label, error, hint, children }: FieldProps & { children: ComponentChildren }) {
  return (
    <div class={error ? 'field bad' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p class="err" id={`${id}-err`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** What a field may pass on to its control besides its value. */
interface ControlProps {
  type?: 'text' | 'number' | 'date' | 'url' | 'password';
  min?: number;
  step?: string;
  autocomplete?: string;
  spellcheck?: boolean;
  maxLength?: number;
  rows?: number;
}
type InputProps = FieldProps &
  ControlProps & {
    value: string | number | undefined;
    onValue: (v: string) => void;
  };

/** A text control in its field: `<input>` or `<textarea>`, wired the same way. */
function TextControl({
  tag: Tag,
  id,
  label,
  error,
  hint,
  value,
  onValue,
  ...rest
}: InputProps & { tag: 'input' | 'textarea' }) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <Tag
        {...wiring(id, hint, error)}
        value={value ?? ''}
        onInput={(e: { currentTarget: { value: string } }) => onValue(e.currentTarget.value)}
        {...(rest as Record<string, unknown>)}
      />
    </Field>
  );
}

export const Input = (props: InputProps) => <TextControl tag="input" {...props} />;
export const TextArea = (props: Omit<InputProps, 'type'>) => <TextControl tag="textarea" {...props} />;

export function Select({
  id,
  label,
  error,
  hint,
  value,
  onValue,
  options,
  disabled,
}: FieldProps & { value: string; onValue: (v: string) => void; options: [string, string][]; disabled?: boolean }) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <select
        {...wiring(id, hint, error)}
        value={value}
        disabled={disabled}
        onChange={(e) => onValue(e.currentTarget.value)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function Check({
  id,
  label,
  checked,
  onCheck,
  hint,
}: {
  id: string;
  label: ComponentChildren;
  checked: boolean;
  onCheck: (v: boolean) => void;
  hint?: string;
}) {
  return (
    <div class="check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onCheck(e.currentTarget.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** A message at the top of a form: errors are alerts (read at once), successes a polite status. */
export function Notice({ kind, children }: { kind: 'error' | 'ok' | 'info'; children: ComponentChildren }) {
  if (kind === 'error')
    return (
      <div class="notice error" role="alert">
        {children}
      </div>
    );
  return (
    <div class={`notice ${kind}`} role="status">
      {children}
    </div>
  );
}

/** A copy button that says it copied (the clipboard may be refused: then the text is selected for Ctrl-C). */
export function CopyButton({ text, label, target }: { text: string; label: string; target?: string }) {
  const { t } = useWords();
  const [done, setDone] = useState<'' | 'ok' | 'select'>('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone('ok');
    } catch {
      const el = target ? document.getElementById(target) : null;
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select();
      setDone('select');
    }
  };
  return (
    <span class="copy">
      <button type="button" class="secondary" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" class="copied">
        {done === 'ok' ? t.copied : done === 'select' ? t.copySelect : ''}
      </span>
    </span>
  );
}

/** A secret shown once: read-only, selectable, with a copy button and the warning that it will not be shown again. */
export function ShownOnce({ id, label, secret }: { id: string; label: string; secret: string }) {
  const { t } = useWords();
  return (
    <div class="once">
      <Field id={id} label={label} hint={t.shownOnce}>
        <input id={id} class="secret" readOnly value={secret} aria-describedby={`${id}-hint`} />
      </Field>
      <CopyButton text={secret} label={t.copyKey} target={id} />
    </div>
  );
}

/** A key's label; the one the API gives the first admin key of a territory is in English, so it is said in words. */
export const keyLabel = (label: string, t: { firstAdminKey: string }) =>
  label === 'first admin key' ? t.firstAdminKey : label;

/** Dates and instants the way the staff read them. */
export function when(iso: string | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
