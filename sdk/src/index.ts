export { createAeroMelodyClient, type AeroMelodyClient, type AeroMelodyClientOptions } from './client.js';
export { AeroMelodyError, isAeroMelodyError, type AeroMelodyErrorCode, type GraphQLErrorPayload } from './errors.js';
export type { OperationDefinition, RequestOptions } from './transport.js';
export { operations, type AeroMelodyOperations, type OperationName, type OperationTypes } from './generated/operations.js';
export type * from './generated/types.js';
