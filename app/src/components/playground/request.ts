import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';

export interface PlaygroundRequest {
  query: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
  operationName?: string;
}

/**
 * The operation GraphiQL will run (by name, else the only one) and its type, read from the
 * parsed document; null when the text does not parse yet.
 */
export function selectedOperation(query: string, operationName?: string | null): OperationDefinitionNode | null {
  let document;
  try {
    document = parse(query);
  } catch {
    return null;
  }
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  return (operationName ? operations.find((operation) => operation.name?.value === operationName) : undefined) ?? (operations.length === 1 ? operations[0] : null);
}

/** Header editor text as headers; invalid JSON counts as none (GraphiQL shows the error itself). */
export function parseJsonObject(text: string | undefined): Record<string, unknown> {
  if (!text?.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export const stringHeaders = (headers: Record<string, unknown> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));

const printed = (query: string) => {
  try {
    return print(parse(query));
  } catch {
    return null;
  }
};

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The current operation as a curl command against this server. */
export function asCurl(endpoint: string, request: PlaygroundRequest): string {
  const operation = selectedOperation(request.query, request.operationName);
  const body = JSON.stringify({ query: request.query, variables: request.variables, ...(request.operationName ? { operationName: request.operationName } : {}) });
  const lines = [
    ...(operation?.operation === 'subscription' ? ['# A subscription streams over graphql-ws (WebSocket); curl shows only the HTTP answer.'] : []),
    `curl ${shellQuote(endpoint)} \\`,
    `  -H 'content-type: application/json' \\`,
    ...Object.entries(request.headers).map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)} \\`),
    `  --data-raw ${shellQuote(body)}`,
  ];
  return lines.join('\n');
}

/**
 * The current operation as a call with the partner SDK: the generated method when the document is
 * exactly a named operation of schema/operations (`sdkDocuments`: name -> text), else
 * `client.request` / `client.subscribe` with the document.
 */
export function asSdkCall(endpoint: string, request: PlaygroundRequest, sdkDocuments: ReadonlyMap<string, string>): string {
  const operation = selectedOperation(request.query, request.operationName);
  const { authorization, 'x-api-key': apiKey, ...rest } = request.headers;
  const options = [
    `url: ${JSON.stringify(endpoint)}`,
    ...(apiKey ? [`apiKey: ${JSON.stringify(apiKey)}`] : []),
    ...(authorization?.startsWith('Bearer ') ? [`accessToken: ${JSON.stringify(authorization.slice(7))}`] : []),
    ...(Object.keys(rest).length ? [`headers: ${JSON.stringify(rest)}`] : []),
  ];
  const variables = Object.keys(request.variables).length ? JSON.stringify(request.variables, null, 2) : '';
  const name = operation?.name?.value;
  const subscription = operation?.operation === 'subscription';
  const method = name && sdkDocuments.get(name) === printed(request.query) ? name.charAt(0).toLowerCase() + name.slice(1) : null;
  const call = method ? `client.${method}(${variables})` : `client.${subscription ? 'subscribe' : 'request'}(document${variables ? `, ${variables}` : ''})`;
  return [
    "import { createAeroMelodyClient } from '@aero-melody/sdk';",
    '',
    `const client = createAeroMelodyClient({ ${options.join(', ')} });`,
    ...(method ? [] : ['', `const document = /* GraphQL */ \`\n${request.query.trim().replace(/`/g, '\\`')}\n\`;`]),
    '',
    subscription ? `for await (const data of ${call}) console.log(data);` : `console.log(await ${call});`,
  ].join('\n');
}
