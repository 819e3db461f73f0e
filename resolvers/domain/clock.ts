/**
 * A clock whose readings strictly increase within this process, even within one millisecond or when the
 * system clock steps back: records created one after another always sort in that order.
 */
export function monotonicClock(read: () => number = Date.now): () => number {
  let last = 0;
  return () => {
    last = Math.max(read(), last + 1);
    return last;
  };
}
