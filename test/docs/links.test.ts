/**
 * The hand-written documentation holds together: every relative link of README.md and docs/ (but docs/api/, which
 * TypeDoc writes) names a file that exists, and every `#anchor` a heading of that file, by GitHub's rules; every
 * ```yaml block of the README and the guides parses (a block marked `<!-- not-yaml -->` on the line before is a
 * deliberate fragment); the README stays short and links every guide page.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from '../helpers';

/** The longest the README may be, in lines. */
const README_MAX_LINES = 250;
const GUIDE = path.join(ROOT, 'docs', 'guide');

/** Every Markdown file under `dir` (relative to ROOT), but those under `skip`. */
function markdownUnder(dir: string, skip: string[] = []): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (skip.includes(rel)) continue;
    if (e.isDirectory()) out.push(...markdownUnder(rel, skip));
    else if (e.name.endsWith('.md')) out.push(rel);
  }
  return out.sort();
}

/** The hand-written pages: the README and docs/, without the generated API reference. */
const PAGES = ['README.md', ...markdownUnder('docs', ['docs/api'])];
const GUIDES = markdownUnder('docs/guide');
const read = (rel: string): string => fs.readFileSync(path.join(ROOT, rel), 'utf8');

/** A fenced code block: its info string, its body and the line before its opening fence. */
interface Fence {
  readonly info: string;
  readonly body: string;
  readonly before: string;
}

/** The text outside fenced code blocks (each block replaced by an empty line), and the blocks. */
function splitFences(markdown: string): { prose: string; fences: Fence[] } {
  const lines = markdown.split('\n');
  const prose: string[] = [];
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open) {
      prose.push(lines[i]);
      continue;
    }
    const marker = open[2];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].trim().startsWith(marker)) body.push(lines[j++]);
    const before = lines
      .slice(0, i)
      .reverse()
      .find((l) => l.trim() !== '');
    fences.push({ info: open[3].trim(), body: body.join('\n'), before: before?.trim() ?? '' });
    prose.push('');
    i = j;
  }
  return { prose: prose.join('\n'), fences };
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, each space a hyphen. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor of a Markdown text: its headings' slugs, a repeated slug numbered -1, -2, ... as GitHub does. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of splitFences(markdown).prose.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(m[1]);
  return out;
}

/** Every link target of a Markdown text, outside code. */
function linkTargets(markdown: string): string[] {
  const prose = splitFences(markdown).prose.replace(/(`+)[^`]*?\1/g, 'code');
  return [...prose.matchAll(/\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

/** What is wrong with each relative link of `file` (relative to ROOT): a missing file, or an anchor its target does not have. */
function brokenLinks(file: string, markdown: string, readFile: (rel: string) => string | undefined): string[] {
  const broken: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    const [p, anchor] = target.split('#', 2);
    const rel = p === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(p)));
    const text = rel.endsWith('.md') ? readFile(rel) : undefined;
    if (text === undefined && !fs.existsSync(path.join(ROOT, rel))) {
      broken.push(`${file}: ${target}: no such file`);
      continue;
    }
    if (anchor === undefined) continue;
    if (text === undefined) broken.push(`${file}: ${target}: an anchor into a file that is not Markdown`);
    else if (!anchors(text).has(anchor)) broken.push(`${file}: ${target}: no heading with this anchor`);
  }
  return broken;
}

const readIfThere = (rel: string): string | undefined => (fs.existsSync(path.join(ROOT, rel)) ? read(rel) : undefined);

describe('GIVEN the hand-written documentation (README.md, docs/ but docs/api/)', () => {
  test('WHEN its pages are listed THEN there are the README, the reference, the architecture notes and the guides', () => {
    expect(PAGES).toEqual(expect.arrayContaining(['README.md', 'docs/reference.md', 'docs/architecture.md']));
    expect(GUIDES.length).toBeGreaterThanOrEqual(8);
    expect(PAGES.filter((p) => p.startsWith('docs/api/'))).toEqual([]);
  });

  test.each(PAGES)('WHEN the relative links of %s are followed THEN each file exists and each #anchor is a heading of it', (page) => {
    expect(brokenLinks(page, read(page), readIfThere)).toEqual([]);
  });

  test.each(['README.md', ...GUIDES])('WHEN the yaml blocks of %s are parsed THEN each is YAML (but those marked not-yaml)', (page) => {
    const bad: string[] = [];
    for (const f of splitFences(read(page)).fences) {
      if (f.info !== 'yaml' || f.before === '<!-- not-yaml -->') continue;
      for (const doc of parseAllDocuments(f.body)) for (const e of doc.errors) bad.push(`${f.body.split('\n')[0]}: ${e.message}`);
    }
    expect(bad).toEqual([]);
  });

  test(`WHEN the README is read THEN it has fewer than ${README_MAX_LINES} lines and links every guide page`, () => {
    const readme = read('README.md');
    expect(readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0)).toBeLessThan(README_MAX_LINES);
    const linked = new Set(
      linkTargets(readme)
        .filter((t) => !/^[a-z]+:/i.test(t))
        .map((t) => path.posix.normalize(t.split('#')[0])),
    );
    expect(GUIDES.filter((g) => !linked.has(g))).toEqual([]);
    expect(fs.existsSync(GUIDE)).toBe(true);
  });
});

describe('GIVEN the checks themselves (each can fail)', () => {
  test("WHEN headings are turned into anchors THEN they follow GitHub's rules", () => {
    expect(slug('Using the output with Argo CD / Flux, kustomize and Helm')).toBe('using-the-output-with-argo-cd--flux-kustomize-and-helm');
    expect(slug('Overrides (`dcae_spec`)')).toBe('overrides-dcae_spec');
    expect(slug('The options file, `dcae-synth.yaml`')).toBe('the-options-file-dcae-synthyaml');
    expect(slug('Opt-in: beyond every plugin version')).toBe('opt-in-beyond-every-plugin-version');
    expect([...anchors('# A\n## A\n```sh\n# not a heading\n```\n### A b\n')]).toEqual(['a', 'a-1', 'a-b']);
  });

  test('WHEN a page links a missing file, a missing anchor or an anchor of a file that is not Markdown THEN each is reported; links in code and absolute URLs are not', () => {
    const pages: Record<string, string> = { 'x/a.md': '# Here\n', 'x/b.md': '## There\n' };
    const text = [
      '[ok](b.md#there) [ok](#here) [ok](../package.json) [ok](https://example.org/#x)',
      '[gone](c.md) [no anchor](b.md#here) [not md](../package.json#x) `[in code](d.md)`',
      '```md\n[in a block](e.md)\n```',
    ].join('\n');
    expect(brokenLinks('x/a.md', `# Here\n${text}`, (rel) => pages[rel])).toEqual([
      'x/a.md: c.md: no such file',
      'x/a.md: b.md#here: no heading with this anchor',
      'x/a.md: ../package.json#x: an anchor into a file that is not Markdown',
    ]);
  });

  test('WHEN a yaml block does not parse THEN the parser says so (what the yaml test relies on)', () => {
    expect(parseAllDocuments('a: [1, 2\nb: c\n').flatMap((d) => d.errors)).not.toEqual([]);
    expect(splitFences('x\n<!-- not-yaml -->\n```yaml\na: [\n```\n').fences).toEqual([
      { info: 'yaml', body: 'a: [', before: '<!-- not-yaml -->' },
    ]);
  });
});
