import { describe, expect, it } from 'vitest';
import { move, setIn, setText } from './edit.ts';

describe('editing a definition by path', () => {
  it('copies along the path and leaves the original untouched', () => {
    const def = { title: { fr: 'A' }, questions: [{ id: 'q', label: { fr: 'x' } }] };
    const next = setIn(def, ['questions', 0, 'label', 'en'], 'y');
    expect(next.questions[0]).toEqual({ id: 'q', label: { fr: 'x', en: 'y' } });
    expect(def.questions[0]?.label).toEqual({ fr: 'x' });
    expect(next.title).toBe(def.title);
  });

  it('removes a key set to undefined, and an optional text left empty', () => {
    const def = { intro: { fr: 'Bonjour' }, title: { fr: 'T', en: 'T' } };
    expect(setText(def, ['intro'], 'fr', '  ', true)).toEqual({ title: def.title });
    expect(setText(def, ['title'], 'fr', '', false)).toEqual({ intro: def.intro, title: { en: 'T' } });
  });

  it('moves an item up and down, and not past the ends', () => {
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});
