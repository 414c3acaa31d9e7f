/**
 * The shipped examples (components/) and the migration guide's quotes of them (docs/guide/migrate-a-dcae-component.md):
 * the HV-VES migration example (a DCAE component spec and the YAML spec that starts from it) is quoted exactly,
 * prints what the guide shows, and compiles to the committed manifest.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compile } from '../src/compile';
import { readComponentsFolder } from '../src/cli/read-folder';
import { checkDcaeSchema } from '../src/input/dcae/dcae-schema';
import { SourceFile } from '../src/input/source';
import { EXAMPLES, folderWith, ROOT, run, stderrLines, tmpdir } from './helpers';

const GUIDE = fs.readFileSync(path.join(ROOT, 'docs', 'guide', 'migrate-a-dcae-component.md'), 'utf8');
const HV_VES_JSON = 'components/dcae-hv-ves-collector.json';
const HV_VES_YAML = 'components/dcae-hv-ves-collector.yaml';
const HV_VES_MANIFEST = 'dcae-hv-ves-collector.k8s.yaml';
const text = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** A fenced block of the guide after a marker `<!-- <kind>: <what> -->` (the next fence after the marker line). */
interface Quote {
  readonly kind: string;
  readonly what: string;
  readonly body: string;
}

/** Every marked block of a Markdown text, in order. */
function quotes(markdown: string): Quote[] {
  const out: Quote[] = [];
  const marker = /^<!-- (quoted|quoted from|output): (.+?) -->\n```[a-z]*\n([\s\S]*?)^```$/gm;
  for (const m of markdown.matchAll(marker)) out.push({ kind: m[1], what: m[2], body: m[3] });
  return out;
}

/** Whether `block` is a run of whole, consecutive lines of `file`. */
function isExcerptOf(block: string, file: string): boolean {
  return `\n${file}`.includes(`\n${block}`);
}

describe("GIVEN the migration guide's quotes of the examples", () => {
  test('WHEN its marked blocks are found THEN the migration example has the JSON (two excerpts), the YAML (whole) and the two runs', () => {
    expect(quotes(GUIDE).map((q) => `${q.kind}: ${q.what}`)).toEqual(
      expect.arrayContaining([
        `quoted from: ${HV_VES_JSON}`,
        `quoted: ${HV_VES_YAML}`,
        'output: the JSON alone',
        'output: the JSON and its YAML spec',
      ]),
    );
    expect(quotes(GUIDE).filter((q) => q.what === HV_VES_JSON)).toHaveLength(2);
  });

  test.each(quotes(GUIDE).filter((q) => q.kind !== 'output'))('WHEN a block is $kind $what THEN it is that file, exactly', (q) => {
    const file = text(q.what);
    if (q.kind === 'quoted') expect(q.body).toBe(file);
    else expect(isExcerptOf(q.body, file)).toBe(true);
  });

  test.each(
    fs
      .readdirSync(path.join(ROOT, 'docs', 'guide'))
      .filter((f) => f.endsWith('.md'))
      .flatMap((f) => quotes(text(`docs/guide/${f}`)).map((q) => ({ ...q, page: f })))
      .filter((q) => q.kind !== 'output'),
  )('WHEN docs/guide/$page quotes ($kind) $what THEN it is that file, exactly', (q) => {
    const file = text(q.what);
    if (q.kind === 'quoted') expect(q.body).toBe(file);
    else expect(isExcerptOf(q.body, file)).toBe(true);
  });

  test('WHEN a quote and its file drift apart THEN the comparison sees it (a changed line, a line left out)', () => {
    const file = text(HV_VES_JSON);
    const excerpt = file.split('\n').slice(96, 100).join('\n');
    expect(isExcerptOf(excerpt, file)).toBe(true);
    expect(isExcerptOf(excerpt.replace('6061:6061', '6061:0'), file)).toBe(false);
    expect(
      isExcerptOf(
        file
          .split('\n')
          .slice(95, 99)
          .filter((_l, i) => i !== 1)
          .join('\n'),
        file,
      ),
    ).toBe(false);
    expect(isExcerptOf(excerpt.slice(3), file)).toBe(false);
    const marked = `<!-- quoted: x -->\n\`\`\`yaml\na: 1\n\`\`\`\n`;
    expect(quotes(marked)).toEqual([{ kind: 'quoted', what: 'x', body: 'a: 1\n' }]);
  });
});

describe('GIVEN the HV-VES migration example', () => {
  test('WHEN its DCAE spec is checked THEN it fits component-spec format v3 with no complaint', () => {
    const parsed = SourceFile.parse(HV_VES_JSON, text(HV_VES_JSON));
    expect(parsed.diagnostics).toEqual([]);
    expect(checkDcaeSchema(parsed.source!, { readsParameters: true })).toEqual({ version: 3, errors: [], warnings: [] });
  });

  test('WHEN the pair is compiled alone with the example platform THEN it is the committed manifest, with no warning, and the JSON is not compiled on its own', () => {
    const dir = folderWith({
      'components/platform.yaml': text('components/platform.yaml'),
      'components/dcae-hv-ves-collector.json': text(HV_VES_JSON),
      'components/dcae-hv-ves-collector.yaml': text(HV_VES_YAML),
    });
    const result = compile(readComponentsFolder('components', dir));
    expect(result.diagnostics).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.components).toBe(1);
    const manifests = result.files.filter((f) => f.path.endsWith('.k8s.yaml'));
    expect(manifests.map((f) => f.path)).toEqual([HV_VES_MANIFEST]);
    expect(manifests[0].content).toBe(text(`dist/${HV_VES_MANIFEST}`));
  });

  test('WHEN the guide runs are replayed (the other examples compiled, then the JSON added, then its YAML spec) THEN each prints what the guide shows', async () => {
    const shown = (what: string) => {
      const [command, ...output] = quotes(GUIDE)
        .find((q) => q.kind === 'output' && q.what === what)!
        .body.trimEnd()
        .split('\n');
      expect(command).toBe('$ npm run synth');
      return output;
    };
    const dir = tmpdir();
    const components = path.join(dir, 'components');
    fs.cpSync(EXAMPLES, components, { recursive: true });
    fs.rmSync(path.join(components, path.basename(HV_VES_JSON)));
    fs.rmSync(path.join(components, path.basename(HV_VES_YAML)));
    expect((await run(dir)).status).toBe(0);

    fs.copyFileSync(path.join(ROOT, HV_VES_JSON), path.join(components, path.basename(HV_VES_JSON)));
    const alone = await run(dir);
    expect(alone.status).toBe(1);
    expect([...alone.stdout.split('\n').filter((l) => l !== ''), ...stderrLines(alone.stderr)]).toEqual(shown('the JSON alone'));

    fs.copyFileSync(path.join(ROOT, HV_VES_YAML), path.join(components, path.basename(HV_VES_YAML)));
    const pair = await run(dir);
    expect(pair.status).toBe(0);
    expect(stderrLines(pair.stderr)).toEqual([]);
    // The time a run takes is the one thing that differs from run to run.
    const seconds = (lines: string[]) => lines.map((l) => l.replace(/ in \d+(\.\d+)? s;/, ' in N s;'));
    expect(seconds(pair.stdout.split('\n').filter((l) => l !== ''))).toEqual(seconds(shown('the JSON and its YAML spec')));
    expect(fs.readFileSync(path.join(dir, 'dist', HV_VES_MANIFEST), 'utf8')).toBe(text(`dist/${HV_VES_MANIFEST}`));
  });
});

describe('GIVEN the YAML examples', () => {
  test.each(fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')))(
    'WHEN %s is read THEN its first line points editors to its JSON Schema',
    (file) => {
      const schema = file === 'platform.yaml' ? 'platform' : 'component';
      expect(text(`components/${file}`).split('\n')[0]).toBe(`# yaml-language-server: $schema=../src/input/schemas/${schema}.schema.json`);
    },
  );
});
