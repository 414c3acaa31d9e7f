/**
 * The DCAE component-spec format, as this project checks it: one description of the three generations of
 * the format (v1, v2, v3), each later one written as what it adds to or changes in the one before. From it
 * come the JSON Schemas (draft-07) that the compiler validates a DCAE spec with.
 *
 * What a generation accepts and refuses follows the format's rules, including its looser corners, which
 * real specs rely on: a parameter, a health check or an `auxilary.policy` need not be a mapping to pass
 * their key rules; a volume's `host`, `container` and `config_volume` are any mapping; `entry_schema` of a
 * list parameter is any mapping. The descriptions are what an error says about a key that is missing.
 */

/** A generation of the DCAE component-spec format. */
export type DcaeFormatVersion = 1 | 2 | 3;

/** The generations, newest first: a spec is checked against the first that fits it. */
export const DCAE_FORMAT_VERSIONS: readonly DcaeFormatVersion[] = [3, 2, 1];

/** A JSON Schema node. */
type Node = { [keyword: string]: unknown };

/** The title of the CDAP variant of `auxilary`: the checker leaves its complaints out (the plugin deployed docker only). */
export const CDAP_AUXILARY_TITLE = 'auxilary of a CDAP application';

const ref = (name: string): Node => ({ $ref: `#/definitions/${name}` });

/** Adds a description, which is what an error about the missing key says. */
function about(node: Node, description: string): Node {
  return { ...node, description };
}

const string = (description?: string): Node => (description ? about({ type: 'string' }, description) : { type: 'string' });
const boolean = (description?: string): Node => (description ? about({ type: 'boolean' }, description) : { type: 'boolean' });
const number: Node = { type: 'number' };
const integer: Node = { type: 'integer' };
/** Any JSON value. */
const anything: Node = {};
const oneOfStrings = (values: readonly string[], description?: string): Node =>
  description ? about({ type: 'string', enum: [...values] }, description) : { type: 'string', enum: [...values] };

interface ListOptions {
  /** Two equal items are refused. @default false */
  readonly unique?: boolean;
  /** What an error about the missing list says. @default none */
  readonly description?: string;
}

function list(items: Node, options: ListOptions = {}): Node {
  const node: Node = { type: 'array' };
  if (options.unique) node.uniqueItems = true;
  node.items = items;
  return options.description ? about(node, options.description) : node;
}

interface MappingOptions {
  /** Keys that must be present, in the order errors name them. @default none */
  readonly required?: readonly string[];
  /** Keys not listed are refused. @default false */
  readonly closed?: boolean;
  /** Whether a value that is not a mapping is refused; the format leaves some nodes open to any value. @default true */
  readonly mappingOnly?: boolean;
  /** A key listed here needs the other keys named with it. @default none */
  readonly needs?: Record<string, string[]>;
  /** What an error about the missing mapping says. @default none */
  readonly description?: string;
  /** A title (marks a variant). @default none */
  readonly title?: string;
}

function mapping(properties: Record<string, Node>, options: MappingOptions = {}): Node {
  const node: Node = {};
  if (options.title) node.title = options.title;
  if (options.mappingOnly !== false) node.type = 'object';
  node.properties = properties;
  if (options.required) node.required = [...options.required];
  if (options.closed) node.additionalProperties = false;
  if (options.needs) node.dependencies = options.needs;
  if (options.description) node.description = options.description;
  return node;
}

/** A value of one of several shapes. */
const eitherOf = (...branches: Node[]): Node => ({ oneOf: branches });

/** Words shared by several keys. */
const WORDS = {
  streamType: 'the kind of stream, which chooses the keys the stream needs',
  format: 'the name of the data format',
  version: 'the version of the data format, three numbers such as "1.0.0"',
  configKey: 'the key under which the component finds this stream or service in its configuration',
  route: 'the path on which the component receives the data',
  request: 'the format and version of the request',
  response: 'the format and version of the response',
  healthcheckType: 'the kind of health check, which chooses the keys it needs',
  parameterValue: 'the value of the parameter, which the application configuration holds; write null for none',
  parameterDescription: 'a sentence that says what the parameter is for',
  parameterName: 'the name of the parameter, its key in the application configuration',
  programType: 'the kind of CDAP program: flows, mapreduce, schedules, spark, workflows, workers or services',
  programId: 'the id of the CDAP program',
  verb: 'the HTTP method of the service: GET, PUT, POST or DELETE',
  container: 'where the container mounts the volume, as {bind, mode}',
  designerEditable: 'whether a designer may change the parameter (true or false)',
  policyEditable: 'whether the parameter may be changed through a policy (true or false)',
  sourcedAtDeployment: 'whether the parameter is given when the component is deployed (true or false)',
};

const PROGRAM_TYPES = ['flows', 'mapreduce', 'schedules', 'spark', 'workflows', 'workers', 'services'];
const VERBS = ['GET', 'PUT', 'POST', 'DELETE'];

/** A version string: three dot-separated numbers, the last of which may be `*`. */
const VERSION: Node = {
  type: 'string',
  pattern: '^\\d+\\.\\d+\\.(\\d+|\\*)$',
  'x-expected': 'a version of three numbers such as "1.0.0" (the last may be "*")',
};

/** The `self` section: which component this is. */
const SELF = mapping(
  {
    version: about(ref('version'), 'the component\'s version, three numbers such as "1.0.0"'),
    description: string('a sentence that says what the component does'),
    component_type: oneOfStrings(
      ['docker', 'cdap'],
      'how the component is run: "docker" (the only kind the Kubernetes plugin deployed) or "cdap"',
    ),
    name: about(ref('name'), "the component's name"),
  },
  {
    required: ['version', 'name', 'description', 'component_type'],
    description: 'the name, version, description and type of the component',
  },
);

/**
 * A stream of one kind: the `type` values that choose it, and the keys after `format` and `version`, in
 * the order errors name them (`config_key`, `route`, `type`).
 */
function stream(types: readonly string[], keys: ReadonlyArray<'config_key' | 'route' | 'type'>, configKey = WORDS.configKey): Node {
  const words: Record<string, Node> = {
    config_key: string(configKey),
    route: string(WORDS.route),
    type: oneOfStrings(types, WORDS.streamType),
  };
  const properties: Record<string, Node> = { format: about(ref('name'), WORDS.format), version: about(ref('version'), WORDS.version) };
  for (const key of keys) properties[key] = words[key];
  return mapping(properties, { required: ['format', 'version', ...keys] });
}

const HTTP = ['http', 'https'];
const MESSAGE_ROUTER = ['message router', 'message_router'];
const DATA_ROUTER = ['data router', 'data_router'];

/** A pair of format and version, as services name their requests and responses. */
const FORMAT_PAIR = mapping({ format: ref('name'), version: ref('version') });

/** The health check of a docker component: an HTTP(S) endpoint or a script; what each generation allows of it. */
function healthchecks(version: DcaeFormatVersion): { http: Node; script: Node } {
  const interval = { default: '15s', type: 'string' };
  const timeout = { default: '1s', type: 'string' };
  const httpTypes = version >= 3 ? [...HTTP, 'HTTP', 'HTTPS'] : HTTP;
  const http: Record<string, Node> = {
    type: oneOfStrings(httpTypes, WORDS.healthcheckType),
    interval,
    timeout,
    endpoint: string('the path that answers the HTTP(S) health check, such as "/healthcheck"'),
  };
  const script: Record<string, Node> = {
    type: oneOfStrings(['script', 'docker'], WORDS.healthcheckType),
    interval,
    timeout,
    script: string("the command that checks the component's health"),
  };
  if (version >= 3) {
    http.port = integer;
    http.initialDelaySeconds = integer;
    script.initialDelaySeconds = integer;
  }
  // Neither variant insists on a mapping: `auxilary.healthcheck` does.
  return {
    http: mapping(http, { required: ['type', 'endpoint'], mappingOnly: false }),
    script: mapping(script, { required: ['type', 'script'], mappingOnly: false }),
  };
}

/** The `auxilary` section of a docker component, per generation. */
function dockerAuxilary(version: DcaeFormatVersion): Node {
  const logs = mapping({ log_directory: string(), alternate_fb_path: string() }, { closed: true });
  const properties: Record<string, Node> = {};
  if (version >= 3) {
    properties.helm = mapping(
      {
        applicationEnv: { type: 'object' },
        service: mapping(
          {
            type: oneOfStrings(['NodePort', 'ClusterIP'], 'the type of the Service: NodePort or ClusterIP'),
            name: string('the name of the Service'),
            ports: list({ type: 'object' }, { description: 'the ports of the Service' }),
          },
          { required: ['type', 'name', 'ports'], description: 'the Kubernetes Service the Helm chart makes (type, name and ports)' },
        ),
      },
      { required: ['service'] },
    );
  }
  properties.healthcheck = {
    type: 'object',
    ...eitherOf(ref('healthcheck_http'), ref('healthcheck_script')),
    description: 'the health check of the component: an HTTP(S) endpoint or a script',
  };
  properties.ports = list(string());
  if (version === 1) {
    properties.logging = logs;
  } else {
    properties.log_info = logs;
    properties.tls_info = mapping(
      {
        cert_directory: string('the folder in the container where the TLS init container puts the certificates'),
        use_tls: boolean('whether the component uses the TLS certificates (true or false)'),
        use_external_tls: boolean(),
      },
      { required: ['cert_directory', 'use_tls'], closed: true },
    );
    properties.databases = { type: 'object', additionalProperties: oneOfStrings(['postgres']) };
    properties.policy = mapping(
      {
        trigger_type: oneOfStrings(['docker'], 'how a policy change reaches the component; "docker" is the only kind'),
        script_path: string('the command run in the container when a policy changes'),
      },
      { required: ['trigger_type', 'script_path'], closed: true, mappingOnly: false },
    );
    properties.volumes = list({ type: 'object', ...eitherOf(ref('host_path_volume'), ref('config_map_volume')) });
  }
  return mapping(properties, { required: ['healthcheck'], closed: true });
}

/** The `auxilary` section of a CDAP application (never deployed by the Kubernetes plugin). */
const CDAP_AUXILARY = mapping(
  {
    streamname: string('the CDAP stream the application reads'),
    artifact_name: string('the name of the CDAP artifact'),
    artifact_version: about(VERSION, 'the version of the CDAP artifact, three numbers such as "1.0.0"'),
    namespace: string(),
    programs: list(ref('cdap_program'), { unique: true, description: 'the programs of the CDAP application' }),
  },
  { required: ['streamname', 'programs', 'artifact_name', 'artifact_version'], title: CDAP_AUXILARY_TITLE },
);

/** A constraint on a parameter's value. */
const CONSTRAINT = mapping(
  {
    equal: anything,
    greater_than: number,
    greater_or_equal: number,
    less_than: number,
    less_or_equal: number,
    valid_values: { type: 'array' },
    length: number,
    min_length: number,
    max_length: number,
  },
  { closed: true },
);

/** A parameter of a policy's schema, which may hold a list of parameters of its own. */
const POLICY_SCHEMA_PARAMETER = mapping(
  {
    name: string("the name of the entry of the policy's schema"),
    value: anything,
    description: string(),
    type: oneOfStrings(['string', 'number', 'boolean', 'datetime', 'list', 'map'], "the type of the parameter's value"),
    required: { type: 'boolean', default: true },
    constraints: list(ref('parameter_constraint')),
    entry_schema: list(ref('policy_schema_parameter'), { unique: true }),
  },
  { required: ['name', 'type'], closed: true },
);

const SCALAR_TYPES = ['string', 'number', 'boolean', 'datetime'];

/** The parameters (application configuration) of a docker component, per generation: the list, and its item. */
function parameterDefinitions(version: DcaeFormatVersion): Record<string, Node> {
  const head = {
    name: string(WORDS.parameterName),
    value: about(anything, WORDS.parameterValue),
    description: string(WORDS.parameterDescription),
  };
  const policySchema = list(ref('policy_schema_parameter'), { unique: true });
  const constraints = list(ref('parameter_constraint'));
  const needs = { policy_schema: ['policy_editable'] };
  if (version === 1) {
    return {
      parameter: mapping(
        {
          ...head,
          type: oneOfStrings(SCALAR_TYPES),
          required: { default: true, type: 'boolean' },
          constraints,
          entry_schema: string(),
          designer_editable: { default: true, type: 'boolean' },
          policy_editable: { default: false, type: 'boolean' },
          sourced_at_deployment: { default: false, type: 'boolean' },
          policy_schema: policySchema,
        },
        { required: ['name', 'value', 'description'], closed: true, needs },
      ),
    };
  }
  const flags = {
    designer_editable: boolean(WORDS.designerEditable),
    sourced_at_deployment: boolean(WORDS.sourcedAtDeployment),
    policy_editable: boolean(WORDS.policyEditable),
    policy_group: string(),
    policy_schema: policySchema,
  };
  const required = { default: true, type: 'boolean' };
  return {
    parameter: eitherOf(ref('list_parameter'), ref('scalar_parameter')),
    // A list parameter says what its entries are; neither kind insists on a mapping (the list does not either).
    list_parameter: mapping(
      {
        ...head,
        type: oneOfStrings(['list']),
        required,
        constraints,
        entry_schema: about(
          { type: 'object', uniqueItems: true, items: ref('list_entry') },
          "what each entry of the list is: a mapping with the entries' type",
        ),
        ...flags,
      },
      {
        required: ['name', 'value', 'description', 'designer_editable', 'policy_editable', 'sourced_at_deployment', 'entry_schema'],
        closed: true,
        needs,
        mappingOnly: false,
      },
    ),
    scalar_parameter: mapping(
      {
        ...head,
        type: oneOfStrings(SCALAR_TYPES),
        required,
        constraints,
        ...flags,
      },
      {
        required: ['name', 'value', 'description', 'designer_editable', 'sourced_at_deployment', 'policy_editable'],
        closed: true,
        needs,
        mappingOnly: false,
      },
    ),
    list_entry: mapping(
      { type: oneOfStrings(['string', 'number'], 'the type of every entry of the list') },
      { required: ['type'], closed: true },
    ),
  };
}

/** The `policy_info` section (v2 on): the policies the component reads; v2 names a node label, v3 a policy id. */
function policyInfo(version: DcaeFormatVersion): Node {
  const item = mapping(
    {
      node_label: string('the label of the blueprint node that the policy applies to'),
      policy_id: string('the id of the policy'),
      policy_model_id: string('the id of the policy model (the policy type) that the policy follows'),
    },
    {
      required: [version === 2 ? 'node_label' : 'policy_id', 'policy_model_id'],
    },
  );
  return mapping({ policy: list(item) }, { closed: true });
}

/** A volume of a docker component (v2 on): from the host, or from a ConfigMap; the inner mappings are open. */
function volume(source: 'host' | 'config_volume'): Node {
  const what = source === 'host' ? 'the folder on the node, as {path}' : 'the ConfigMap, as {name}';
  return mapping(
    { [source]: about({ type: 'object' }, what), container: about({ type: 'object' }, WORDS.container) },
    { required: [source, 'container'] },
  );
}

/** The JSON Schema of one generation of the DCAE component-spec format. */
export function dcaeFormatSchema(version: DcaeFormatVersion): Node {
  const kafka = version >= 2;
  const publishers = [ref('publisher_http'), ref('publisher_message_router'), ref('publisher_data_router')];
  const subscribers = [ref('subscriber_http'), ref('subscriber_message_router'), ref('subscriber_data_router')];
  if (kafka) {
    publishers.push(ref('publisher_kafka'));
    subscribers.push(ref('subscriber_kafka'));
  }
  const properties: Record<string, Node> = {
    self: SELF,
    streams: mapping(
      {
        publishes: list(eitherOf(...publishers), {
          unique: true,
          description: 'the streams the component publishes to, a list that may be empty',
        }),
        subscribes: list(eitherOf(...subscribers), {
          unique: true,
          description: 'the streams the component subscribes to, a list that may be empty',
        }),
      },
      {
        required: ['publishes', 'subscribes'],
        description: 'the streams the component publishes to and subscribes to: two lists, which may be empty',
      },
    ),
    services: mapping(
      {
        calls: list(ref('caller'), { unique: true, description: 'the services the component calls, a list that may be empty' }),
        provides: list(ref('provider'), { unique: true, description: 'the services the component provides, a list that may be empty' }),
      },
      { required: ['calls', 'provides'], description: 'the services the component calls and provides: two lists, which may be empty' },
    ),
    parameters: {
      anyOf: [ref('docker_parameters'), ref('cdap_parameters')],
      description: 'the parameters of the component, its application configuration: a list, which may be empty',
    },
    auxilary: {
      ...eitherOf(ref('cdap_auxilary'), ref('docker_auxilary')),
      description: 'how the component is run: its health check, ports, volumes, logs and TLS',
    },
    artifacts: list(ref('artifact'), {
      description: 'the artifacts of the component: for docker, one of type "docker image" whose uri is the image',
    }),
  };
  if (version >= 2) properties.policy_info = policyInfo(version);
  const { http, script } = healthchecks(version);
  const definitions: Record<string, Node> = {
    name: { type: 'string' },
    version: VERSION,
    // Each list of parameters has its own description: the checker tells branches apart by their nodes' text.
    docker_parameters: list(ref('parameter'), { unique: true, description: 'the parameters of a docker component: a list of parameters' }),
    cdap_parameters: mapping({
      program_preferences: list(ref('program_preference'), { unique: true }),
      app_preferences: list(ref('parameter'), { unique: true, description: 'the parameters given to the CDAP preference API' }),
      app_config: list(ref('parameter'), { unique: true, description: 'the parameters given to the CDAP application configuration' }),
    }),
    program_preference: mapping(
      {
        program_type: oneOfStrings(PROGRAM_TYPES, WORDS.programType),
        program_id: string(WORDS.programId),
        program_pref: list(ref('parameter'), { unique: true, description: 'the preferences given to the program' }),
      },
      { required: ['program_type', 'program_id', 'program_pref'] },
    ),
    ...parameterDefinitions(version),
    policy_schema_parameter: POLICY_SCHEMA_PARAMETER,
    parameter_constraint: CONSTRAINT,
    publisher_http: stream(HTTP, ['config_key', 'type']),
    publisher_message_router: ref('message_router_stream'),
    publisher_data_router: stream(DATA_ROUTER, ['config_key', 'type']),
    subscriber_http: stream(HTTP, ['route', 'type']),
    subscriber_message_router: ref('message_router_stream'),
    subscriber_data_router: stream(
      DATA_ROUTER,
      ['route', 'type', 'config_key'],
      'the key under which the component finds the settings of the feed it subscribes to (its delivery endpoint and credentials)',
    ),
    message_router_stream: stream(MESSAGE_ROUTER, ['config_key', 'type']),
    caller: mapping(
      {
        request: about(ref('format_pair'), WORDS.request),
        response: about(ref('format_pair'), WORDS.response),
        config_key: string(WORDS.configKey),
      },
      { required: ['request', 'response', 'config_key'] },
    ),
    provider: eitherOf(ref('docker_provider'), ref('cdap_provider')),
    docker_provider: mapping(
      {
        request: about(ref('format_pair'), WORDS.request),
        response: about(ref('format_pair'), WORDS.response),
        route: string('the path on which the component provides the service'),
        verb: oneOfStrings(VERBS),
      },
      { required: ['request', 'response', 'route'] },
    ),
    cdap_provider: mapping(
      {
        request: about(ref('format_pair'), WORDS.request),
        response: about(ref('format_pair'), WORDS.response),
        service_name: string('the name of the CDAP service'),
        service_endpoint: string('the endpoint of the CDAP service'),
        verb: oneOfStrings(VERBS, WORDS.verb),
      },
      { required: ['request', 'response', 'service_name', 'service_endpoint', 'verb'] },
    ),
    format_pair: FORMAT_PAIR,
    artifact: mapping(
      {
        uri: string('where the artifact is: for a docker image, the image reference'),
        type: oneOfStrings(['jar', 'docker image'], 'the kind of artifact: "docker image" or "jar"'),
      },
      { required: ['uri', 'type'] },
    ),
    cdap_auxilary: CDAP_AUXILARY,
    cdap_program: mapping(
      { program_type: oneOfStrings(PROGRAM_TYPES, WORDS.programType), program_id: string(WORDS.programId) },
      { required: ['program_type', 'program_id'] },
    ),
    docker_auxilary: dockerAuxilary(version),
    healthcheck_http: http,
    healthcheck_script: script,
  };
  if (kafka) {
    definitions.kafka_stream = stream(['kafka'], ['config_key', 'type']);
    definitions.publisher_kafka = ref('kafka_stream');
    definitions.subscriber_kafka = ref('kafka_stream');
    definitions.host_path_volume = volume('host');
    definitions.config_map_volume = volume('config_volume');
  }
  return {
    title: `DCAE component spec, format v${version}`,
    ...mapping(properties, { required: ['self', 'streams', 'services', 'parameters', 'auxilary', 'artifacts'], closed: true }),
    definitions,
  };
}
