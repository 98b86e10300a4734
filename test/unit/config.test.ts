import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

function configError(environment: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('loadConfig did not throw');
}

describe('loadConfig', () => {
  it('fills defaults from an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      host: '0.0.0.0',
      port: 4000,
      logLevel: 'info',
      database: {
        url: 'mysql://root@127.0.0.1:3306/aero_melody',
        host: '127.0.0.1',
        port: 3306,
        user: 'root',
        password: '',
        database: 'aero_melody',
        poolSize: 10,
      },
      redisUrl: 'redis://127.0.0.1:6379',
      openflights: {
        dir: undefined,
        baseUrl: 'https://raw.githubusercontent.com/jpatokal/openflights/master/data',
        cacheDir: '.cache/openflights',
      },
      shutdownTimeoutMs: 10_000,
    });
  });

  it('takes overrides from the environment', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'mariadb://melody:s%40cret@db.internal:3307/flights_2',
      REDIS_URL: 'rediss://cache.internal:6380/2',
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      OPENFLIGHTS_DIR: '/data/openflights',
      OPENFLIGHTS_BASE_URL: 'http://mirror.example/openflights',
      OPENFLIGHTS_CACHE_DIR: '/tmp/of',
      DATABASE_POOL_SIZE: '25',
      SHUTDOWN_TIMEOUT_MS: '2500',
      AUTH_SECRET: 'a-production-secret-of-at-least-32-characters',
      ACCESS_TOKEN_TTL_SECONDS: '300',
      REFRESH_TOKEN_TTL_DAYS: '7',
    });
    expect(config).toMatchObject({
      auth: { secret: 'a-production-secret-of-at-least-32-characters', accessTokenTtlSeconds: 300, refreshTokenTtlDays: 7 },
      env: 'production',
      host: '127.0.0.1',
      port: 8080,
      logLevel: 'warn',
      database: {
        url: 'mariadb://melody:s%40cret@db.internal:3307/flights_2',
        host: 'db.internal',
        port: 3307,
        user: 'melody',
        password: 's@cret',
        database: 'flights_2',
        poolSize: 25,
      },
      redisUrl: 'rediss://cache.internal:6380/2',
      openflights: { dir: '/data/openflights', baseUrl: 'http://mirror.example/openflights', cacheDir: '/tmp/of' },
      shutdownTimeoutMs: 2500,
    });
  });

  it('defaults the database port and user when the URL leaves them out', () => {
    const { database } = loadConfig({ DATABASE_URL: 'mysql://dbhost/other_db' });
    expect(database).toMatchObject({ host: 'dbhost', port: 3306, user: 'root', password: '', database: 'other_db' });
  });

  it('reads the audio export settings', () => {
    expect(loadConfig({}).exports).toEqual({
      dir: '.cache/exports',
      urlTtlSeconds: 86_400,
      workers: 'inline',
      // One render per core: two waiting exports use both cores.
      workerConcurrency: Math.min(16, availableParallelism()),
      lockMs: 30_000,
      freePerDay: 3,
      premiumPerDay: 100,
      freeMaxSeconds: 120,
      soundFontPath: undefined,
    });
    const custom = loadConfig({ EXPORTS_DIR: '/srv/exports', EXPORT_URL_TTL_SECONDS: '60', EXPORT_WORKERS: 'off', EXPORT_FREE_PER_DAY: '0', EXPORT_FREE_MAX_SECONDS: '30' }).exports;
    expect(custom).toMatchObject({ dir: '/srv/exports', urlTtlSeconds: 60, workers: 'off', freePerDay: 0, freeMaxSeconds: 30 });
    expect(() => loadConfig({ EXPORT_WORKERS: 'sometimes' })).toThrow(/EXPORT_WORKERS/);
    expect(() => loadConfig({ EXPORT_FREE_MAX_SECONDS: '301' })).toThrow(/EXPORT_FREE_MAX_SECONDS/);
  });

  it('ignores unrelated variables', () => {
    const config = loadConfig({ PATH: '/usr/bin', HOME: '/root', PORT: '0' });
    expect(config.port).toBe(0);
    expect(Object.keys(config)).not.toContain('PATH');
  });

  it('returns a frozen config, nested objects included', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
    expect(Object.isFrozen(config.openflights)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
    expect(() => {
      (config.database as { host: string }).host = 'elsewhere';
    }).toThrow(TypeError);
    expect(config.port).toBe(4000);
    expect(config.database.host).toBe('127.0.0.1');
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', REDIS_URL: '', NODE_ENV: '', OPENFLIGHTS_DIR: '', LOG_LEVEL: '' });
    expect(config.port).toBe(4000);
    expect(config.database.url).toBe('mysql://root@127.0.0.1:3306/aero_melody');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.env).toBe('development');
    expect(config.logLevel).toBe('info');
    expect(config.openflights.dir).toBeUndefined();
  });

  it('treats undefined values as unset', () => {
    expect(loadConfig({ PORT: undefined, REDIS_URL: undefined }).port).toBe(4000);
  });

  it('names every bad variable in one error', () => {
    const error = configError({ PORT: 'abc', DATABASE_URL: 'postgres://x', REDIS_URL: 'nope' });
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toHaveLength(3);
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL']) {
      expect(error.message).toContain(name);
      expect(error.problems.some((problem) => problem.startsWith(name))).toBe(true);
    }
    expect(error.message.startsWith('Invalid configuration: ')).toBe(true);
    expect(error.problems.find((p) => p.startsWith('DATABASE_URL'))).toMatch(/mysql:\/\/ or mariadb:\/\//);
    expect(error.problems.find((p) => p.startsWith('REDIS_URL'))).toMatch(/redis:\/\/ or rediss:\/\//);
  });

  it.each([
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_POOL_SIZE', '0'],
    ['SHUTDOWN_TIMEOUT_MS', '50'],
    ['OPENFLIGHTS_BASE_URL', 'ftp://example.org/data'],
    ['DATABASE_URL', 'not a url'],
  ])('rejects %s=%s', (name, value) => {
    const error = configError({ [name]: value });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].startsWith(name)).toBe(true);
  });

  it('rejects a DATABASE_URL without a usable database name', () => {
    for (const url of ['mysql://root@127.0.0.1:3306/', 'mysql://root@127.0.0.1:3306/bad-name']) {
      const error = configError({ DATABASE_URL: url });
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(/^DATABASE_URL must name a database/);
    }
  });

  it('names a DATABASE_URL without a database name together with the other bad variables', () => {
    const error = configError({ PORT: 'abc', DATABASE_URL: 'mysql://root@127.0.0.1:3306/' });
    expect(error.problems.some((problem) => problem.startsWith('PORT'))).toBe(true);
    expect(error.problems.some((problem) => problem.startsWith('DATABASE_URL'))).toBe(true);
  });

  it('signs tokens with a development secret by default and demands AUTH_SECRET in production', () => {
    expect(loadConfig({}).auth).toEqual({ secret: expect.any(String), accessTokenTtlSeconds: 900, refreshTokenTtlDays: 30, refreshReuseGraceSeconds: 10 });
    const production = configError({ NODE_ENV: 'production' });
    expect(production.problems).toEqual(['AUTH_SECRET is required in production (at least 32 random characters)']);
    const secret = 'x'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: secret }).auth.secret).toBe(secret);
    expect(configError({ AUTH_SECRET: 'short' }).problems[0]).toMatch(/^AUTH_SECRET must be at least 32 characters/);
  });
});
