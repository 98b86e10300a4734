/** Something that can be closed: what `use` accepts. */
export interface Disposable {
  dispose(): unknown;
}

/**
 * Node 20 has no AsyncDisposableStack: this is the part start-up needs. Each resource registers
 * how to close it the moment it exists, so a failure part-way closes exactly what was opened,
 * and the running server's dispose is the same list, closed in reverse order of opening.
 */
export class DisposerStack {
  private readonly disposers: (() => unknown)[] = [];
  private disposal: Promise<void> | null = null;

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  /** Closes `fn` last of what is registered so far; after disposal began it runs at once. */
  defer(fn: () => unknown): void {
    if (this.disposal) {
      void this.runOne(fn).catch(this.onError);
      return;
    }
    this.disposers.push(fn);
  }

  use<T extends Disposable>(resource: T): T {
    this.defer(() => resource.dispose());
    return resource;
  }

  get disposed(): boolean {
    return this.disposal !== null;
  }

  /**
   * Runs every disposer, newest first, even when some throw; then throws the one error, or an
   * AggregateError naming every one. Called twice, it returns the first call's promise.
   */
  disposeAsync(): Promise<void> {
    this.disposal ??= this.runAll();
    return this.disposal;
  }

  private async runOne(fn: () => unknown): Promise<void> {
    await fn();
  }

  private async runAll(): Promise<void> {
    const errors: unknown[] = [];
    for (let fn = this.disposers.pop(); fn; fn = this.disposers.pop()) {
      try {
        await this.runOne(fn);
      } catch (error) {
        this.onError(error);
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} resources failed to close`);
  }
}
