/**
 * Main-container variables (docs/reference.md, "Component spec" and "Main container"): plain values, and values read
 * from a key of a Secret (issue 20), in a YAML spec and in the override of a DCAE spec.
 */
import { compile, compileFiles, dcae, errorsOf, mainOf, POD_IP, withHead } from '../helpers';

const F = 'components/c.yaml';
const SECRET_NAME = `a Secret name (DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253 characters)`;
const SECRET_KEY = `a Secret data key: 1 to 253 letters, digits, '-', '_' or '.', not '.' and not starting with '..'`;

describe('env values from Secrets', () => {
  test('GIVEN {secret, key} between plain values WHEN compiled THEN it is valueFrom.secretKeyRef in its place, before POD_IP', () => {
    const { objects } = compile(withHead('env:', '  A: x', '  DB_PASSWORD: {secret: my-db, key: password}', '  B: 2'));
    expect(mainOf(objects).env).toEqual([
      { name: 'A', value: 'x' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'my-db', key: 'password' } } },
      { name: 'B', value: '2' },
      POD_IP,
    ]);
  });

  test('GIVEN a configuration in a ConfigMap WHEN a variable comes from a Secret THEN CBS_CLIENT_CONFIG_PATH still follows the own variables, and ${DB_PASSWORD} is written as text', () => {
    const { objects, yaml } = compile(
      withHead('env:', '  DB_PASSWORD: {secret: my-db, key: password}', 'application_config:', '  db: {password: "${DB_PASSWORD}"}'),
      { application_config: { source: 'configmap' } },
    );
    expect(mainOf(objects).env).toEqual([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'my-db', key: 'password' } } },
      { name: 'CBS_CLIENT_CONFIG_PATH', value: '/app-config-input/application_config.yaml' },
      POD_IP,
    ]);
    expect(objects[0].data['application_config.yaml']).toBe('db:\n  password: ${DB_PASSWORD}\n');
    expect(yaml).not.toContain('s3cr3t');
  });

  test('GIVEN a Secret holding a password WHEN the component reads it THEN the output names the Secret and its key, never the value', () => {
    const password = 'pa55-w0rd-never-written';
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'my-db' }, stringData: { password } };
    const { yaml } = compile(withHead('env:', `  DB_PASSWORD: {secret: ${secret.metadata.name}, key: password}`));
    expect(yaml).toContain('secretKeyRef:\n                  key: password\n                  name: my-db\n');
    expect(yaml).not.toContain(password);
  });

  test('GIVEN an own CBS_CLIENT_CONFIG_PATH from a Secret WHEN the component has a configuration THEN it is an error at the variable', () => {
    expect(
      errorsOf(withHead('env:', '  CBS_CLIENT_CONFIG_PATH: {secret: s, key: k}', 'application_config: {a: 1}'), {
        application_config: { source: 'configmap' },
      }),
    ).toEqual([
      `${F}:4:3: env.CBS_CLIENT_CONFIG_PATH: CBS_CLIENT_CONFIG_PATH is set by the compiler to /app-config-input/application_config.yaml, where the main container reads the application configuration; remove it`,
    ]);
  });

  test('GIVEN a DCAE spec WHEN its override reads a variable from a Secret THEN it follows the variables the mapping gives, before POD_IP', () => {
    const r = compileFiles({
      'components/c.json': dcae(),
      'components/c.yaml': 'dcae_spec: c.json\nenv:\n  DB_PASSWORD: {secret: my-db, key: password}\n',
    });
    expect(r.errors).toEqual([]);
    const env = mainOf(r.objects).env;
    expect(env.map((e: any) => e.name)).toEqual([
      'CONSUL_HOST',
      'CONFIG_BINDING_SERVICE',
      'DCAE_CA_CERTPATH',
      'CBS_CONFIG_URL',
      'DB_PASSWORD',
      'POD_IP',
    ]);
    expect(env[4]).toEqual({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'my-db', key: 'password' } } });
  });

  test('GIVEN a DCAE spec WHEN its override gives a wrong {secret, key} THEN the error is at the override', () => {
    const r = compileFiles({
      'components/c.json': dcae(),
      'components/c.yaml': 'dcae_spec: c.json\nenv:\n  DB_PASSWORD: {secret: My_DB, key: password}\n',
    });
    expect(r.errors).toEqual([`${F}:3:25: env.DB_PASSWORD.secret: "My_DB" is not ${SECRET_NAME}`]);
  });

  test.each([
    [
      'a list',
      withHead('env:', '  A: [x]'),
      [`${F}:4:6: env.A: a list is not a string, a number, a boolean (true or false) or a mapping {secret, key}`],
    ],
    [
      'a mapping without key',
      withHead('env:', '  A: {secret: my-db}'),
      [`${F}:4:6: env.A.key: missing; this key is required: ${SECRET_KEY}`],
    ],
    [
      'an empty mapping',
      withHead('env:', '  A: {}'),
      [
        `${F}:4:6: env.A.key: missing; this key is required: ${SECRET_KEY}`,
        `${F}:4:6: env.A.secret: missing; this key is required: ${SECRET_NAME}`,
      ],
    ],
    [
      'an extra key',
      withHead('env:', '  A: {secret: my-db, key: password, optional: true}'),
      [`${F}:4:37: env.A.optional: unknown key; expected one of: secret, key`],
    ],
    [
      'a Secret name that is no DNS-1123 subdomain',
      withHead('env:', '  A: {secret: My_DB, key: password}'),
      [`${F}:4:15: env.A.secret: "My_DB" is not ${SECRET_NAME}`],
    ],
    ['an empty Secret name', withHead('env:', '  A: {secret: "", key: password}'), [`${F}:4:15: env.A.secret: "" is not ${SECRET_NAME}`]],
    [
      'a Secret name of 254 characters',
      withHead('env:', `  A: {secret: ${'a'.repeat(254)}, key: k}`),
      [`${F}:4:15: env.A.secret: "${'a'.repeat(77)}..." is not ${SECRET_NAME}`],
    ],
    ['a Secret key with a slash', withHead('env:', '  A: {secret: my-db, key: a/b}'), [`${F}:4:27: env.A.key: "a/b" is not ${SECRET_KEY}`]],
    [
      'a Secret key of 254 characters',
      withHead('env:', `  A: {secret: my-db, key: ${'k'.repeat(254)}}`),
      [`${F}:4:27: env.A.key: "${'k'.repeat(77)}..." is not ${SECRET_KEY}`],
    ],
    ['a Secret key ".."', withHead('env:', '  A: {secret: my-db, key: ..}'), [`${F}:4:27: env.A.key: ".." is not ${SECRET_KEY}`]],
    [
      'a Secret key that is a number',
      withHead('env:', '  A: {secret: my-db, key: 1}'),
      [`${F}:4:27: env.A.key: 1 is not ${SECRET_KEY} (put it in quotes)`],
    ],
  ] as Array<[string, string, string[]]>)('GIVEN %s WHEN compiled THEN the schema reports it exactly', (_title, text, errors) => {
    expect(errorsOf(text)).toEqual(errors);
  });
});
