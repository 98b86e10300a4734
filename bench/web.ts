/**
 * Lighthouse-style figures for the Compose page (a report, not a test): the compiled server with
 * the production web app (on the configured MariaDB and Redis, like `npm start`), loaded cold by
 * Debian's Chromium through playwright-core, several times, with and without a 4x CPU slowdown
 * (Lighthouse's mobile setting; no network throttling: the server is on loopback).
 *
 * - FCP and LCP from the browser's paint timing and largest-contentful-paint entries;
 * - CLS: the sum of layout shifts without recent input, over the load and 2 s after it;
 * - JS: the bytes of scripts transferred (compressed as served) and decoded, and all bytes;
 * - then axe-core on every page in both colour themes and all three languages, and Chromium's
 *   installability verdict for the PWA (see web-checks.ts). Targets (issue #25): LCP <= 1.0 s,
 *   CLS 0, first-load JS <= 250 KiB, no axe violation, installable.
 *
 *   npm run web:build && npm run build && node dist/bench/web.js [--runs 5]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { PROJECT_ROOT } from '../server/paths.js';
import { accessibilityAudit, contentPaths, installability } from './web-checks.js';

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(options.runs);

interface Sample {
  fcpMs: number;
  lcpMs: number;
  cls: number;
  scriptTransferBytes: number;
  scriptDecodedBytes: number;
  totalTransferBytes: number;
  scripts: number;
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Run in the page (as strings: this file is compiled without the DOM library).
const OBSERVE_SCRIPT = `
  window.__lcp = 0;
  window.__cls = 0;
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__lcp = entry.startTime; })
    .observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value; })
    .observe({ type: 'layout-shift', buffered: true });
`;
const COLLECT_SCRIPT = `(() => {
  const resources = performance.getEntriesByType('resource');
  const navigation = performance.getEntriesByType('navigation')[0];
  const scripts = resources.filter((entry) => entry.initiatorType === 'script' || entry.name.endsWith('.js'));
  const sum = (entries, field) => entries.reduce((total, entry) => total + entry[field], 0);
  return {
    fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    lcpMs: window.__lcp,
    cls: window.__cls,
    scriptTransferBytes: sum(scripts, 'transferSize'),
    scriptDecodedBytes: sum(scripts, 'decodedBodySize'),
    totalTransferBytes: sum(resources, 'transferSize') + (navigation ? navigation.transferSize : 0),
    scripts: scripts.length,
  };
})()`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/server/main.js')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WEB_APP: 'on', LOG_LEVEL: 'warn', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 120_000;
  while (
    !(await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error('the server did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  // Warm the server (Next's first render of a route compiles nothing in production, but fills caches).
  await fetch(url);

  const results: Record<string, Sample[]> = { desktop: [], 'cpu-4x': [] };
  let audit: Awaited<ReturnType<typeof accessibilityAudit>> = { checked: 0, findings: [] };
  let install: Awaited<ReturnType<typeof installability>> | null = null;
  try {
    for (const [profile, slowdown] of [
      ['desktop', 1],
      ['cpu-4x', 4],
    ] as const) {
      for (let run = 0; run < RUNS; run += 1) {
        const dir = mkdtempSync(join(tmpdir(), 'aero-bench-web-'));
        const context = await chromium.launchPersistentContext(dir, {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
          viewport: { width: 1350, height: 940 },
        });
        try {
          const page = await context.newPage();
          const cdp = await context.newCDPSession(page);
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
          await page.addInitScript(OBSERVE_SCRIPT);
          await page.goto(url, { waitUntil: 'load' });
          await page.waitForTimeout(2_000);
          const sample = (await page.evaluate(COLLECT_SCRIPT)) as Sample;
          results[profile].push(sample);
        } finally {
          await context.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
    const paths = [
      '/',
      '/explore',
      '/community',
      '/contests',
      '/themes',
      '/radio',
      '/radio/JFK',
      '/account',
      '/analytics',
      '/playground',
      '/docs',
      '/no-such-page',
      ...(await contentPaths(`http://127.0.0.1:${port}`)),
    ];
    audit = await accessibilityAudit(`http://127.0.0.1:${port}`, paths, ['en', 'de', 'es']);
    install = await installability(`http://127.0.0.1:${port}`);
  } finally {
    child.kill('SIGTERM');
  }

  const summary = Object.fromEntries(
    Object.entries(results).map(([profile, samples]) => [
      profile,
      {
        runs: samples.length,
        fcpMs: Math.round(median(samples.map((s) => s.fcpMs))),
        lcpMs: Math.round(median(samples.map((s) => s.lcpMs))),
        cls: Number(median(samples.map((s) => s.cls)).toFixed(4)),
        scriptTransferKiB: Math.round(median(samples.map((s) => s.scriptTransferBytes)) / 1024),
        scriptDecodedKiB: Math.round(median(samples.map((s) => s.scriptDecodedBytes)) / 1024),
        totalTransferKiB: Math.round(median(samples.map((s) => s.totalTransferBytes)) / 1024),
        scripts: median(samples.map((s) => s.scripts)),
      },
    ]),
  );
  console.log('Compose page (/), cold loads, medians:');
  console.table(summary);
  const desktop = summary.desktop;
  const targets = {
    'LCP <= 1000 ms': desktop.lcpMs <= 1000,
    'CLS 0': desktop.cls === 0,
    'first-load JS <= 250 KiB': desktop.scriptTransferKiB <= 250,
    [`axe: 0 violations (${audit.checked} page x theme x language)`]: audit.findings.length === 0,
    'PWA installable': install?.installable === true,
  };
  console.table(Object.entries(targets).map(([target, met]) => ({ target, met })));
  if (audit.findings.length) console.table(audit.findings);
  console.log('installability:', JSON.stringify(install));
  mkdirSync(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(PROJECT_ROOT, 'bench', 'results', 'web.json'), JSON.stringify({ measuredAt: new Date().toISOString(), summary, targets, audit, install, samples: results }, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
