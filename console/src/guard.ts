/**
 * Unsaved edits survive a misclick: a form with changes marks itself dirty; leaving the page
 * then asks the browser's own question, and moving elsewhere in the console asks first.
 */
let dirty = false;

export function setDirty(value: boolean): void {
  dirty = value;
}

export const isDirty = () => dirty;

/** Whether it is fine to leave the current screen (asks when there are unsaved edits). */
export function mayLeave(question: string): boolean {
  if (!dirty) return true;
  if (!window.confirm(question)) return false;
  dirty = false;
  return true;
}

addEventListener('beforeunload', (e) => {
  if (dirty) e.preventDefault();
});
