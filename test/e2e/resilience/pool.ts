/**
 * A counting semaphore: at most `size` tasks run at once, the rest wait in FIFO order. Used to run concurrent
 * vitest cases two at a time without changing the suite-wide `maxConcurrency`.
 */
export interface Pool {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createPool(size: number): Pool {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(task) {
      if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
      else running += 1;
      try {
        return await task();
      } finally {
        // Hand the slot straight to the next waiter (running stays the same), or free it.
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
  };
}
