/**
 * TypeScript source of the typed client from the platform's merged OpenAPI document: a type per
 * component schema, and per service a class with one method per operation.
 */

type Json = Record<string, unknown>;

interface Document {
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Json> };
  tags?: Array<{ name: string }>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function refName(ref: string): string {
  return ref.replace(/^#\/components\/schemas\//, '');
}

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function literal(value: unknown): string {
  return JSON.stringify(value);
}

/** The TypeScript type of a JSON schema. */
export function schemaType(schema: unknown, indent = ''): string {
  if (!schema || typeof schema !== 'object') return 'unknown';
  const s = schema as Json;
  const nullable = s['nullable'] === true ? ' | null' : '';
  if (typeof s['$ref'] === 'string') return refName(s['$ref']) + nullable;
  if (Array.isArray(s['enum'])) return s['enum'].map(literal).join(' | ') + nullable;
  for (const combinator of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[combinator])) return `(${(s[combinator] as unknown[]).map((item) => schemaType(item, indent)).join(' | ')})${nullable}`;
  }
  if (Array.isArray(s['allOf']) && s['allOf'].length === 1) return schemaType(s['allOf'][0], indent) + nullable;
  if (Array.isArray(s['allOf'])) return `(${(s['allOf'] as unknown[]).map((item) => schemaType(item, indent)).join(' & ')})${nullable}`;
  switch (s['type']) {
    case 'string':
      return `string${nullable}`;
    case 'number':
    case 'integer':
      return `number${nullable}`;
    case 'boolean':
      return `boolean${nullable}`;
    case 'array':
      return `Array<${schemaType(s['items'], indent)}>${nullable}`;
    case 'object':
    case undefined: {
      const properties = s['properties'] as Record<string, unknown> | undefined;
      if (!properties) {
        if (s['type'] === undefined) return `unknown`;
        const additional = s['additionalProperties'];
        return `Record<string, ${additional && typeof additional === 'object' ? schemaType(additional, indent) : 'unknown'}>${nullable}`;
      }
      return objectType(properties, (s['required'] as string[] | undefined) ?? [], indent) + nullable;
    }
    default:
      return 'unknown';
  }
}

function objectType(properties: Record<string, unknown>, required: string[], indent: string): string {
  const inner = `${indent}  `;
  const lines = Object.entries(properties).map(([name, property]) => {
    const description = (property as Json | undefined)?.['description'];
    const doc = typeof description === 'string' ? `${inner}/** ${description.replace(/\*\//g, '*\\/')} */\n` : '';
    return `${doc}${inner}${key(name)}${required.includes(name) ? '' : '?'}: ${schemaType(property, inner)};`;
  });
  return lines.length === 0 ? 'Record<string, never>' : `{\n${lines.join('\n')}\n${indent}}`;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
  description?: string;
}

/** camelCase method name: RepairRequestsController_report → repairRequestsReport. */
export function methodName(operationId: string, service: string): string {
  const parts = operationId
    .replace(new RegExp(`^${service}_`), '')
    .replace(/Controller_/, '_')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const joined = parts.map((part, index) => (index === 0 ? part[0]!.toLowerCase() : part[0]!.toUpperCase()) + part.slice(1)).join('');
  return /^[0-9]/.test(joined) ? `op${joined}` : joined;
}

function className(service: string): string {
  return `${service
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('')}Api`;
}

function successSchema(operation: Json): { type: string; stream?: true } {
  const responses = (operation['responses'] ?? {}) as Record<string, Json>;
  const code = Object.keys(responses)
    .filter((status) => /^2\d\d$/.test(status))
    .sort()[0];
  if (!code) return { type: 'unknown' };
  const content = responses[code]!['content'] as Record<string, Json> | undefined;
  if (content?.['text/event-stream']) return { type: 'EventStreamSubscription', stream: true };
  const json = content?.['application/json'] ?? content?.['application/problem+json'];
  if (!json) return { type: code === '204' ? 'void' : 'unknown' };
  return { type: schemaType(json['schema'], '    ') };
}

interface Operation {
  service: string;
  name: string;
  method: string;
  path: string;
  source: Json;
  parameters: Parameter[];
}

function operations(document: Document): Operation[] {
  const result: Operation[] = [];
  const used = new Set<string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const shared = (item['parameters'] as Parameter[] | undefined) ?? [];
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const service = typeof operation['x-houqin-service'] === 'string' ? operation['x-houqin-service'] : 'gateway';
      const operationId = typeof operation['operationId'] === 'string' ? operation['operationId'] : `${method}_${path}`;
      let name = methodName(operationId, service);
      while (used.has(`${service}.${name}`)) name = `${name}_`;
      used.add(`${service}.${name}`);
      const own = (operation['parameters'] as Parameter[] | undefined) ?? [];
      const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own].filter((p) => p.in === 'path' || p.in === 'query');
      result.push({ service, name, method: method.toUpperCase(), path, source: operation, parameters });
    }
  }
  return result;
}

function operationSource(operation: Operation, typeName: string): string {
  const request = operation.source['requestBody'] as Json | undefined;
  const bodySchema = ((request?.['content'] as Record<string, Json> | undefined)?.['application/json'] ?? {})['schema'];
  const fields: string[] = [];
  for (const parameter of operation.parameters) {
    const doc = parameter.description ? `  /** ${parameter.description.replace(/\*\//g, '*\\/')} */\n` : '';
    fields.push(`${doc}  ${key(parameter.name)}${parameter.required || parameter.in === 'path' ? '' : '?'}: ${schemaType(parameter.schema, '  ')};`);
  }
  if (request) fields.push(`  body${request['required'] === false ? '?' : ''}: ${schemaType(bodySchema, '  ')};`);
  const inputRequired = operation.parameters.some((p) => p.required || p.in === 'path') || (request !== undefined && request['required'] !== false);
  const inputType = fields.length > 0 ? `export interface ${typeName} {\n${fields.join('\n')}\n}\n` : '';
  const response = successSchema(operation.source);
  const handlers = response.stream ? 'handlers: EventStreamHandlers, ' : '';
  // The handlers of a stream are required, so an optional input before them is `X | undefined`.
  const inputParam = inputRequired ? `input: ${typeName}` : response.stream ? `input: ${typeName} | undefined` : `input?: ${typeName}`;
  const params = fields.length > 0 ? `${inputParam}, ${handlers}options?: RequestOptions` : `${handlers}options?: RequestOptions`;
  const pick = (where: string) => {
    const names = operation.parameters.filter((p) => p.in === where).map((p) => `${key(p.name)}: input${inputRequired ? '' : '?'}.${IDENTIFIER.test(p.name) ? p.name : `[${JSON.stringify(p.name)}]`}`);
    return names.length > 0 ? `{ ${names.join(', ')} }` : undefined;
  };
  const args = [
    `method: '${operation.method}'`,
    `path: ${literal(operation.path)}`,
    ...(pick('path') ? [`pathParams: ${pick('path')}`] : []),
    ...(pick('query') ? [`query: ${pick('query')}`] : []),
    ...(request ? [`body: input${inputRequired ? '' : '?'}.body`] : []),
    'options',
  ];
  const summary = [operation.source['summary'], operation.source['description']].filter((text): text is string => typeof text === 'string' && text.length > 0);
  const doc = `  /** ${[`${operation.method} ${operation.path}`, ...summary].join(' — ').replace(/\*\//g, '*\\/')} */\n`;
  const method = response.stream
    ? `${doc}  ${operation.name}(${params}): ${response.type} {\n    return this.http.stream({ ${args.join(', ')} }, handlers);\n  }`
    : `${doc}  ${operation.name}(${params}): Promise<${response.type}> {\n    return this.http.send<${response.type}>({ ${args.join(', ')} });\n  }`;
  return `${inputType}@@${method}`;
}

/** The generated.ts of libs/api-client. */
export function generateClient(document: Document): string {
  const out: string[] = [
    '// Generated by tools/api-client/generate.ts from the platform\'s merged OpenAPI document. Do not edit:',
    '// change the services\' controllers and DTOs, then run `npm run api-client`.',
    "import { EventStreamHandlers, EventStreamSubscription, HouqinClientOptions, HttpTransport, RequestOptions } from './runtime';",
    '',
  ];
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    const description = typeof schema['description'] === 'string' ? `/** ${schema['description']} */\n` : '';
    const type = schemaType(schema);
    out.push(type.startsWith('{') ? `${description}export interface ${name} ${type}\n` : `${description}export type ${name} = ${type};\n`);
  }
  const all = operations(document);
  const roles = new Map<string, string[]>();
  for (const operation of all) {
    const policy = operation.source['x-houqin-policy'] as { roles?: unknown } | undefined;
    if (Array.isArray(policy?.roles)) roles.set(`${operation.service}.${operation.name}`, policy.roles.filter((role): role is string => typeof role === 'string'));
  }
  const services = [...new Set(['gateway', ...(document.tags ?? []).map((tag) => tag.name).filter((name) => all.some((op) => op.service === name)), ...all.map((op) => op.service)])];
  for (const service of services) {
    const methods: string[] = [];
    for (const operation of all.filter((op) => op.service === service)) {
      const [inputType, method] = operationSource(operation, `${className(service).replace(/Api$/, '')}${operation.name[0]!.toUpperCase()}${operation.name.slice(1)}Input`).split('@@') as [string, string];
      if (inputType) out.push(inputType);
      methods.push(method);
    }
    out.push(`/** The operations of ${service} (/api/v1/${service === 'gateway' ? '' : `${service}/`}…). */\nexport class ${className(service)} {\n  constructor(${methods.length > 0 ? 'private readonly http' : '_http'}: HttpTransport) {}\n${methods.length > 0 ? `\n${methods.join('\n\n')}\n` : ''}}\n`);
  }
  out.push(
    `/** The whole platform through the gateway: \`new HouqinClient({ baseUrl, accessToken })\`; errors are thrown as ProblemError. */\nexport class HouqinClient {\n${services
      .map((service) => `  readonly ${IDENTIFIER.test(service) ? service : `[${JSON.stringify(service)}]`}: ${className(service)};`)
      .join('\n')}\n\n  constructor(options: HouqinClientOptions) {\n    const http = new HttpTransport(options);\n${services
      .map((service) => `    this.${service} = new ${className(service)}(http);`)
      .join('\n')}\n  }\n}\n`,
  );
  out.push(
    `/** Who may call each operation, from the gateway's policy table (x-houqin-policy); an empty list: a public route. The gateway still decides every call. */\nexport const OPERATION_ROLES = {\n${services
      .map((service) => {
        const entries = all.filter((op) => op.service === service && roles.has(`${service}.${op.name}`)).map((op) => `    ${key(op.name)}: ${literal(roles.get(`${service}.${op.name}`))},`);
        return `  ${key(service)}: {\n${entries.join('\n')}\n  },`;
      })
      .join('\n')}\n} as const satisfies Record<string, Record<string, readonly string[]>>;\n`,
    `/** Whether a caller with these roles may call the operation, by the policy table (the owner of the data may still refuse). */\nexport function mayCall<S extends keyof typeof OPERATION_ROLES>(roles: readonly string[], service: S, operation: keyof (typeof OPERATION_ROLES)[S]): boolean {\n  const allowed = OPERATION_ROLES[service][operation] as readonly string[];\n  return allowed.length === 0 || allowed.some((role) => roles.includes(role));\n}\n`,
  );
  return out.join('\n');
}
