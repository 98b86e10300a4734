export { createAeroMelodyClient, type AeroMelodyClient, type AeroMelodyClientOptions } from './client.js';
export { AeroMelodyError, isAeroMelodyError, type AeroMelodyErrorCode, type GraphQLErrorPayload } from './errors.js';
export type { DocumentTypeDecoration, TypedDocument } from './documents.js';
export type { ExportAudioOptions } from './exports.js';
export { batchSentAt, createLiveClock, type LiveBatchTiming, type LiveClock } from './live.js';
export type { RetryOptions } from './retry.js';
export type { ConnectionDefinition, OperationDefinition, PaginateOptions, RequestOptions } from './transport.js';
export {
  connections,
  operations,
  type AeroMelodyOperations,
  type AeroMelodyPaginators,
  type OperationName,
  type OperationTypes,
} from './generated/operations.js';
export type * from './generated/types.js';
