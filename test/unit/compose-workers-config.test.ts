import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('COMPOSE_WORKERS', () => {
  it('is one worker thread per core by default and with auto', () => {
    expect(loadConfig({}).composeWorkers).toBe(availableParallelism());
    expect(loadConfig({ COMPOSE_WORKERS: 'auto' }).composeWorkers).toBe(availableParallelism());
  });

  it('takes a count, 0 meaning compose on the main thread', () => {
    expect(loadConfig({ COMPOSE_WORKERS: '0' }).composeWorkers).toBe(0);
    expect(loadConfig({ COMPOSE_WORKERS: '3' }).composeWorkers).toBe(3);
  });

  it('names the variable when the value is not a count', () => {
    expect(() => loadConfig({ COMPOSE_WORKERS: 'many' })).toThrow(ConfigError);
    expect(() => loadConfig({ COMPOSE_WORKERS: '-1' })).toThrow(/COMPOSE_WORKERS/);
  });
});
