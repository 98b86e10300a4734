import { createHash, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Redis } from 'ioredis';

const PREFIX = 'aero-melody:analytics';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** Names one DuckDB store across instances: the same file (a shared volume mounted at the same path) is the same store. */
export function storeId(dbPath: string): string {
  return createHash('sha256').update(resolve(dbPath)).digest('hex').slice(0, 16);
}

/** The Redis lease that makes one process at a time the writer of a DuckDB store. */
export class WriterLease {
  private readonly key: string;
  readonly holder = randomUUID();

  constructor(
    private readonly redis: Redis,
    store: string,
    private readonly leaseMs: number,
  ) {
    this.key = `${PREFIX}:writer:${store}`;
  }

  async acquire(): Promise<boolean> {
    return (await this.redis.set(this.key, this.holder, 'PX', this.leaseMs, 'NX')) === 'OK';
  }

  async renew(): Promise<boolean> {
    return Number(await this.redis.eval(RENEW, 1, this.key, this.holder, this.leaseMs)) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.holder);
  }
}

/** Dates survive the trip as tagged numbers (TimeWindow bounds, trend buckets). */
const encode = (value: unknown): string =>
  JSON.stringify(value, function (this: Record<string, unknown>, key, plain) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.getTime() } : plain;
  });
const decode = (text: string): unknown =>
  JSON.parse(text, (_key, value) => (value && typeof value === 'object' && typeof value.$date === 'number' && Object.keys(value).length === 1 ? new Date(value.$date) : value));

interface Question {
  id: number;
  replyTo: string;
  method: string;
  args: unknown[];
}

interface Answer {
  id: number;
  value?: unknown;
  error?: { code: string | null; message: string };
}

export class QuestionTimeout extends Error {}
export class NoWriter extends Error {}

/**
 * Questions to the writer of a store over Redis pub/sub: an instance publishes a question on the
 * store's channel and waits for the answer on its own channel. The writer subscribes to the store's
 * channel only while it holds the lease, so PUBLISH's receiver count says whether a writer is there.
 */
export class WriterQuestions {
  private readonly askChannel: string;
  private readonly replyChannel: string;
  private readonly waiting = new Map<number, (answer: Answer) => void>();
  private answering: ((method: string, args: unknown[]) => Promise<unknown>) | null = null;
  private nextId = 0;
  private readonly subscriber: Redis;

  constructor(
    private readonly redis: Redis,
    store: string,
  ) {
    this.askChannel = `${PREFIX}:ask:${store}`;
    this.replyChannel = `${PREFIX}:reply:${randomUUID()}`;
    // A subscribed connection can do nothing else, and must queue its SUBSCRIBE until connected.
    const subscriber = redis.duplicate({ enableOfflineQueue: true });
    subscriber.on('error', () => undefined);
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.replyChannel) this.received(decode(message) as Answer);
      else if (channel === this.askChannel) void this.answer(decode(message) as Question);
    });
  }

  start(): Promise<unknown> {
    return this.subscriber.subscribe(this.replyChannel);
  }

  /** One try: rejects with NoWriter when nobody listens, QuestionTimeout when no answer comes in time. */
  async ask(method: string, args: unknown[], timeoutMs: number): Promise<unknown> {
    const id = this.nextId++;
    const answered = new Promise<Answer>((resolve) => this.waiting.set(id, resolve));
    const receivers = await this.redis.publish(this.askChannel, encode({ id, replyTo: this.replyChannel, method, args } satisfies Question)).catch((error: unknown) => {
      this.waiting.delete(id);
      throw error;
    });
    if (receivers === 0) {
      this.waiting.delete(id);
      throw new NoWriter('no process holds the analytics writer role right now');
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new QuestionTimeout('the analytics writer did not answer in time'));
      }, timeoutMs);
    });
    try {
      const answer = await Promise.race([answered, timeout]);
      if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
      return answer.value;
    } finally {
      clearTimeout(timer);
    }
  }

  private received(answer: Answer): void {
    const resolve = this.waiting.get(answer.id);
    this.waiting.delete(answer.id);
    resolve?.(answer);
  }

  /** While this process writes the store: answer every instance's questions with `handler`. */
  async answerWith(handler: (method: string, args: unknown[]) => Promise<unknown>): Promise<void> {
    this.answering = handler;
    await this.subscriber.subscribe(this.askChannel);
  }

  async stopAnswering(): Promise<void> {
    this.answering = null;
    await this.subscriber.unsubscribe(this.askChannel).catch(() => undefined);
  }

  dispose(): void {
    this.answering = null;
    this.subscriber.disconnect();
  }

  private async answer(question: Question): Promise<void> {
    const handler = this.answering;
    if (!handler) return;
    let answer: Answer;
    try {
      answer = { id: question.id, value: await handler(question.method, question.args) };
    } catch (error) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      answer = { id: question.id, error: { code: typeof code === 'string' ? code : null, message: error instanceof Error ? error.message : String(error) } };
    }
    await this.redis.publish(question.replyTo, encode(answer)).catch(() => undefined);
  }
}
