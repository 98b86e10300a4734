import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveWebAppMode } from '../../server/adapters/web-app.js';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('WEB_APP', () => {
  it('is auto by default and takes on, off or dev', () => {
    expect(loadConfig({}).webApp).toBe('auto');
    for (const mode of ['on', 'off', 'dev'] as const) expect(loadConfig({ WEB_APP: mode }).webApp).toBe(mode);
  });

  it('names a bad value', () => {
    expect(() => loadConfig({ WEB_APP: 'maybe' })).toThrow(ConfigError);
    expect(() => loadConfig({ WEB_APP: 'maybe' })).toThrow(/WEB_APP/);
  });

  it('auto serves the web app only when a production build exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aero-web-app-'));
    try {
      expect(resolveWebAppMode('auto', dir)).toBe('off');
      mkdirSync(join(dir, '.next'));
      writeFileSync(join(dir, '.next', 'BUILD_ID'), 'test-build');
      expect(resolveWebAppMode('auto', dir)).toBe('on');
      expect(resolveWebAppMode('off', dir)).toBe('off');
      expect(resolveWebAppMode('dev', dir)).toBe('dev');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
