export interface BatcherOptions {
  /** A batch is sent as soon as it has this many calls. @defaultValue 64 */
  maxSize?: number;
  /** ...or this long after its first call. @defaultValue 2 */
  maxWaitMs?: number;
}

export interface Batcher<T, R> {
  (input: T): Promise<R>;
  /** Sends what is waiting now; resolves when every batch sent so far has settled. */
  flush(): Promise<void>;
}

interface Pending<T, R> {
  input: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Gathers calls made close together into one call of `run`, which settles each input on its own, in
 * order. Concurrent jobs then share one database round trip, and each still waits for its own result
 * (or its own error).
 */
export function createBatcher<T, R>(run: (inputs: T[]) => Promise<PromiseSettledResult<R>[]>, options: BatcherOptions = {}): Batcher<T, R> {
  const maxSize = options.maxSize ?? 64;
  const maxWaitMs = options.maxWaitMs ?? 2;
  let waiting: Pending<T, R>[] = [];
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  const send = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    const done = run(batch.map((p) => p.input)).then(
      (results) =>
        batch.forEach((p, i) => {
          const result = results[i];
          if (result?.status === 'fulfilled') p.resolve(result.value);
          else p.reject(result ? result.reason : new Error('batch returned fewer results than inputs'));
        }),
      (err: unknown) => batch.forEach((p) => p.reject(err)),
    );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };

  const call = (input: T) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      if (waiting.length >= maxSize) send();
      else timer ??= setTimeout(send, maxWaitMs);
    });
  return Object.assign(call, {
    async flush() {
      send();
      await Promise.all([...inFlight]);
    },
  });
}
