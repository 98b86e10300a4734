import { getOperationAST, Kind, type ExecutionArgs, type ExecutionResult } from 'graphql';

type SubscriptionResult = AsyncIterableIterator<ExecutionResult> | ExecutionResult;

interface ListenerCounter {
  subscriptionOpened(field: string): void;
  subscriptionClosed(field: string): void;
}

/**
 * Wraps graphql-ws `subscribe` so /metrics knows how many subscriptions are open per root field
 * (`liveRadio`, `compositionChanged`...): counted from the stream's start to its return or end.
 */
export function countingListeners(subscribe: (args: ExecutionArgs) => Promise<SubscriptionResult>, counter: ListenerCounter) {
  return async (args: ExecutionArgs): Promise<SubscriptionResult> => {
    const result = await subscribe(args);
    if (!(Symbol.asyncIterator in result)) return result;
    const first = getOperationAST(args.document, args.operationName)?.selectionSet.selections[0];
    const field = first?.kind === Kind.FIELD ? first.name.value : 'unknown';
    counter.subscriptionOpened(field);
    let open = true;
    const close = () => {
      if (!open) return;
      open = false;
      counter.subscriptionClosed(field);
    };
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      [Symbol.asyncIterator]: () => iterator,
      next: async () => {
        const next = await result.next();
        if (next.done) close();
        return next;
      },
      return: async () => {
        close();
        return (await result.return?.()) ?? { done: true, value: undefined };
      },
      throw: async (error: unknown) => {
        close();
        if (result.throw) return result.throw(error);
        throw error;
      },
    };
    return iterator;
  };
}
