import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/relay.js';

export const ExportFormatEnum = { WAV: 'WAV', FLAC: 'FLAC' } as const;
registerEnumType(ExportFormatEnum, {
  name: 'ExportFormat',
  valuesConfig: { FLAC: { description: 'Lossless FLAC (PREMIUM).' }, WAV: { description: '16-bit PCM WAV, 44.1 kHz stereo.' } },
  description: 'WAV: 16-bit PCM, 44.1 kHz stereo (FREE and PREMIUM). FLAC: the same samples, losslessly compressed (PREMIUM).',
});

export const ExportStatusEnum = { QUEUED: 'QUEUED', RENDERING: 'RENDERING', DONE: 'DONE', FAILED: 'FAILED' } as const;
registerEnumType(ExportStatusEnum, {
  name: 'ExportStatus',
  valuesConfig: {
    DONE: { description: 'The file is ready at url.' },
    FAILED: { description: 'Every attempt failed.' },
    QUEUED: { description: 'Waiting for a worker.' },
    RENDERING: { description: 'A worker is rendering it; progress grows.' },
  },
  description: 'QUEUED: waiting for a worker; RENDERING: a worker is on it (progress grows); DONE: the file is ready at url; FAILED: every attempt failed.',
});

@ObjectType('Export', { implements: Node, description: 'An audio file of a saved composition, rendered with General-MIDI instruments.' })
export class Export extends Node {
  @Field(() => ExportStatusEnum, { description: 'Where the render is.' })
  status!: string;

  @Field(() => Float, { description: 'From 0 to 1.' })
  progress!: number;

  @Field(() => ExportFormatEnum, { description: 'WAV or FLAC.' })
  format!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Where to download the file, relative to the server: unguessable, and only until expiresAt. Null until DONE and after expiry.',
  })
  url!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the download URL stops working; null until DONE.' })
  expiresAt!: Date | null;
}
