/**
 * objectJson: cdk8s's ApiObject.toJson in one walk. It must return exactly what cdk8s returns (values, key order,
 * errors) for every object the compiler renders, and for the values cdk8s's resolvers handle specially.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { objectJson } from '../../src/constructs/private/object-json';
import { loadProject } from '../../src/input/project';
import { buildChart } from '../../src/output/synthesize';
import { writeFleet } from '../bench/fleet';
import { tmpdir } from '../helpers';
import { CASES_DIR } from '../golden/regenerate';

/** cdk8s's own result, or its error message. */
function cdk8s(obj: ApiObject): string {
  try {
    return JSON.stringify(ApiObject.prototype.toJson.call(obj));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

/** objectJson's result, or its error message. */
function fast(obj: ApiObject): string {
  try {
    return JSON.stringify(objectJson(obj));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

/** Every ApiObject of the charts of a components folder's specs. */
function objectsOf(components: Array<{ name: string; text: string }>, platform?: { name: string; text: string }): ApiObject[] {
  const project = loadProject({ components, platform });
  if (project.diagnostics.length > 0) throw new Error(`does not compile: ${project.diagnostics[0].message}`);
  return project.components.flatMap((spec) =>
    buildChart(spec, project.platform)
      .chart.node.findAll()
      .filter((c): c is ApiObject => c instanceof ApiObject),
  );
}

/** A chart in an app with the given resolvers. */
function chartWith(resolvers: IResolver[] = []): Chart {
  return new Chart(new App({ outdir: tmpdir(), resolvers }), 'c');
}

describe('GIVEN every golden case and a generated fleet', () => {
  test('WHEN each object is serialised THEN objectJson returns what cdk8s returns, key for key and in order', () => {
    const read = (dir: string, f: string) => ({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') });
    const cases = fs.readdirSync(CASES_DIR).sort();
    let compared = 0;
    for (const c of cases) {
      const dir = path.join(CASES_DIR, c);
      if (!fs.existsSync(path.join(dir, 'component.yaml'))) continue;
      const platform = fs.existsSync(path.join(dir, 'platform.yaml')) ? read(dir, 'platform.yaml') : undefined;
      for (const obj of objectsOf([read(dir, 'component.yaml')], platform)) {
        expect(`${c}: ${fast(obj)}`).toBe(`${c}: ${cdk8s(obj)}`);
        compared++;
      }
    }
    const fleet = tmpdir();
    writeFleet(fleet, 60);
    const files = fs.readdirSync(fleet).sort();
    const objects = objectsOf(
      files.filter((f) => f !== 'platform.yaml').map((f) => read(fleet, f)),
      files.includes('platform.yaml') ? read(fleet, 'platform.yaml') : undefined,
    );
    for (const obj of objects) expect(fast(obj)).toBe(cdk8s(obj));
    // Every case with a component was compared, and the fleet's objects too.
    expect(compared).toBeGreaterThan(cases.length);
    expect(objects.length).toBeGreaterThan(100);
  });
});

describe('GIVEN values that cdk8s resolves or refuses specially', () => {
  test('WHEN an object holds lazies, number-or-string unions, tokens, nulls, empty lists and maps, holes and odd keys THEN the result is the same', () => {
    const chart = chartWith();
    const token = { resolve: () => ({ z: 1, a: [Lazy.any({ produce: () => 'from a token' })] }) };
    const holes = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const obj = new ApiObject(chart, 'o', {
      apiVersion: 'v1',
      kind: 'Thing',
      spec: Lazy.any({
        produce: () => ({
          zeta: Lazy.any({ produce: () => ({ nested: Lazy.any({ produce: () => [null, undefined, 'x'] }) }) }),
          alpha: k8s.IntOrString.fromNumber(8080),
          quantity: k8s.Quantity.fromString('1Gi'),
          token,
          nothing: null,
          missing: undefined,
          empty: [],
          blank: {},
          holes,
          odd: JSON.parse('{"__proto__": {"a": 1}, "b": 2}'),
          numbers: [0, -1, 1.5, Number.MAX_SAFE_INTEGER],
          flags: [true, false],
        }),
      }),
    });
    obj.metadata.addLabel('b', '2');
    obj.metadata.addLabel('a', '1');
    expect(fast(obj)).toBe(cdk8s(obj));
    expect(Object.keys(objectJson(obj))).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });

  test('WHEN a map has a key named constructor THEN cdk8s refuses it, and so does objectJson, with the same message', () => {
    const obj = new ApiObject(chartWith(), 'o', { apiVersion: 'v1', kind: 'Thing', spec: JSON.parse('{"constructor": "c", "b": 2}') });
    expect(fast(obj)).toBe(cdk8s(obj));
    expect(fast(obj)).toMatch(/can't render non-simple object of type 'undefined'$/);
  });

  test('WHEN a value is a class instance cdk8s cannot render THEN the error is the same, naming the construct', () => {
    class Odd {
      public readonly x = 1;
    }
    const obj = new ApiObject(chartWith(), 'o', { apiVersion: 'v1', kind: 'Thing', spec: { odd: new Odd() } });
    expect(fast(obj)).toBe(cdk8s(obj));
    expect(fast(obj)).toMatch(
      /^error: Failed serializing construct at path 'c\/o' with name 'c-o-.*': Error: can't render non-simple object of type 'Odd'$/,
    );
  });

  test('WHEN the object has JSON patches THEN they are applied as cdk8s applies them', () => {
    const obj = new ApiObject(chartWith(), 'o', { apiVersion: 'v1', kind: 'Thing', spec: { b: 1, a: [1, 2] } });
    obj.addJsonPatch(JsonPatch.add('/spec/c', 3), JsonPatch.remove('/spec/a/0'), JsonPatch.replace('/kind', 'Other'));
    expect(fast(obj)).toBe(cdk8s(obj));
    expect(objectJson(obj).spec).toEqual({ a: [2], b: 1, c: 3 });
  });

  test('WHEN the app has a resolver of its own THEN it is applied, as cdk8s applies it', () => {
    const upper: IResolver = {
      resolve: (context: ResolutionContext) => {
        const value = context.value;
        if (typeof value === 'string' && context.key.join('.') === 'spec.name' && value !== value.toUpperCase())
          context.replaceValue(value.toUpperCase());
      },
    };
    const obj = new ApiObject(chartWith([upper]), 'o', { apiVersion: 'v1', kind: 'Thing', spec: { name: 'x', other: 'y' } });
    expect(objectJson(obj).spec).toEqual({ name: 'X', other: 'y' });
    expect(fast(obj)).toBe(cdk8s(obj));
  });

  test('WHEN CDK8S_DISABLE_SORT is set THEN the keys keep their order, as with cdk8s', () => {
    const obj = new ApiObject(chartWith(), 'o', { apiVersion: 'v1', kind: 'Thing', spec: { b: 1, a: 2 } });
    process.env.CDK8S_DISABLE_SORT = 'true';
    try {
      expect(Object.keys(objectJson(obj).spec)).toEqual(['b', 'a']);
      expect(fast(obj)).toBe(cdk8s(obj));
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
    expect(Object.keys(objectJson(obj).spec)).toEqual(['a', 'b']);
  });
});
