import type { ChildProcess } from 'node:child_process';

export interface ClusterProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last 2,000 characters the process wrote. */
  recentOutput: string;
  start(): ChildProcess;
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ClusterInstance extends ClusterProcess {
  port: number;
  url: string;
  ready(): Promise<boolean>;
}

export const INSTANCE_COUNT: number;
export const PROMETHEUS_TARGETS: string;

export function startCluster(options?: { port?: number; env?: Record<string, string | undefined>; logDir?: string | null; readyTimeoutMs?: number }): Promise<{
  url: string;
  instances: ClusterInstance[];
  worker: ClusterProcess;
  haproxy: ClusterProcess;
  waitReady(instance: ClusterInstance, timeoutMs?: number): Promise<void>;
  startReady(instance: ClusterInstance, attempts?: number): Promise<void>;
  stop(): Promise<void>;
}>;
