import { describe, expect, it } from 'vitest';
import { DisposerStack } from '../../server/disposer-stack.js';

describe('DisposerStack', () => {
  it('closes newest first, awaiting each', async () => {
    const closed: string[] = [];
    const stack = new DisposerStack();
    stack.defer(() => closed.push('database'));
    stack.defer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      closed.push('redis');
    });
    stack.use({ dispose: () => closed.push('server') });
    await stack.disposeAsync();
    expect(closed).toEqual(['server', 'redis', 'database']);
  });

  it('runs every disposer when some throw, then throws the one error or all of them', async () => {
    const closed: string[] = [];
    const reported: unknown[] = [];
    const one = new DisposerStack((error) => reported.push(error));
    one.defer(() => closed.push('first'));
    one.defer(() => {
      throw new Error('second failed');
    });
    await expect(one.disposeAsync()).rejects.toThrow('second failed');
    expect(closed).toEqual(['first']);
    expect(reported).toHaveLength(1);

    const two = new DisposerStack();
    two.defer(() => Promise.reject(new Error('a')));
    two.defer(() => {
      throw new Error('b');
    });
    const error = await two.disposeAsync().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((each: Error) => each.message)).toEqual(['b', 'a']);
  });

  it('disposes once, and closes at once what is registered after disposal began', async () => {
    let runs = 0;
    const stack = new DisposerStack();
    stack.defer(() => runs++);
    const first = stack.disposeAsync();
    expect(stack.disposeAsync()).toBe(first);
    await first;
    expect(stack.disposed).toBe(true);
    stack.defer(() => runs++);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(2);
  });
});
