import { TEST_DATABASE, testConfig } from '../support/environment.js';

/** The e2e server's own database, so it never races the integration tests' one. */
export const E2E_DATABASE = `${TEST_DATABASE}_e2e`;

export const e2eConfig = (overrides: Record<string, string> = {}) => testConfig(overrides, E2E_DATABASE);
