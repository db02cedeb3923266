import { describe, expect, it } from 'vitest';
import { DEFAULT_SUGGESTION_CATEGORIES } from '#functions/model.ts';
import { DEFAULT_CATEGORIES } from './categories.ts';

describe('DEFAULT_CATEGORIES', () => {
  it("is the API's default list, which the widget may not import at run time", () => {
    expect(DEFAULT_CATEGORIES).toEqual(DEFAULT_SUGGESTION_CATEGORIES);
  });
});
