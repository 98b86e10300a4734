/** A backing service that cannot be reached: reported as one line naming the service and address. */
export class ServiceUnreachableError extends Error {
  constructor(service: string, address: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    super(`Cannot reach ${service} at ${address}: ${reason}`);
    this.name = 'ServiceUnreachableError';
  }
}
