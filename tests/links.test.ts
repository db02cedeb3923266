/**
 * The repository carries its own documentation: every relative link of every Markdown file
 * (Markdown links and images, and HTML `href`/`src`) must name a file or folder inside the
 * repository, and a `#fragment` into a Markdown file must name one of its headings.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set(['node_modules', '.git', 'dist', 'cdk.out', '.data', 'coverage', 'test-results', 'results']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return markdownFiles(path);
    return e.name.endsWith('.md') ? [path] : [];
  });
}

/** The targets a Markdown text links to, code blocks and code spans left out. */
function linkTargets(markdown: string): string[] {
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, 'code');
  const markdownLinks = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const htmlLinks = [...text.matchAll(/\b(?:href|src)\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
  return [...markdownLinks, ...htmlLinks].filter((t): t is string => t !== undefined);
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const m of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = (m[1] ?? '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n ? `${base}-${n}` : base);
  }
  return anchors;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** What is wrong with one link of `file`, or undefined when it resolves inside the repository. */
function problemOf(file: string, target: string): string | undefined {
  if (isExternal(target)) return undefined;
  const [pathPart = '', fragment] = target.split('#');
  const path = decodeURIComponent(pathPart);
  const resolved = path === '' ? file : resolve(dirname(file), path);
  const inside = relative(root, resolved);
  if (inside === '..' || inside.startsWith(`..${sep}`) || resolve(root, inside) !== resolved)
    return 'points outside the repository';
  if (!existsSync(resolved)) return 'names nothing';
  if (fragment && resolved.endsWith('.md') && statSync(resolved).isFile()) {
    if (!headingAnchors(readFileSync(resolved, 'utf8')).has(fragment.toLowerCase()))
      return `has no heading #${fragment}`;
  }
  return undefined;
}

describe('Markdown links', () => {
  const files = markdownFiles(root);

  it('finds the documentation', () => {
    const names = files.map((f) => relative(root, f));
    for (const doc of ['README.md', 'docs/methodology.md', 'docs/api.md', 'docs/architecture.md', 'docs/operations.md'])
      expect(names).toContain(doc);
  });

  it('all resolve inside the repository, to a file and a heading that exist', () => {
    const problems = files.flatMap((file) =>
      linkTargets(readFileSync(file, 'utf8')).flatMap((target) => {
        const problem = problemOf(file, target);
        return problem ? [`${relative(root, file)}: ${target} ${problem}`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('are all read: links, images and HTML attributes, not code', () => {
    const sample =
      '[a](x.md) ![b](img/y.png "t") <img src="z.png"> <a href="w/">w</a> `[c](not-a-link)`\n```\n[d](nor-this)\n```\n';
    expect(linkTargets(sample)).toEqual(['x.md', 'img/y.png', 'z.png', 'w/']);
    expect(problemOf(join(root, 'README.md'), '../elsewhere/NOTES.md')).toBe('points outside the repository');
    expect(problemOf(join(root, 'README.md'), 'docs/nothing.md')).toBe('names nothing');
    expect(problemOf(join(root, 'README.md'), 'docs/api.md#no-such-heading')).toBe('has no heading #no-such-heading');
    expect([...headingAnchors('# Second round (reserved)\n## Keys and roles\n## Keys and roles')]).toEqual([
      'second-round-reserved',
      'keys-and-roles',
      'keys-and-roles-1',
    ]);
  });
});
