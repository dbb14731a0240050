/**
 * Remembers a pure function's results for strings: news vocabulary repeats so much that most words
 * of an article have been seen before. Bounded: the memory is dropped whole when it fills.
 */
export function memoize<T>(fn: (key: string) => T, maxEntries = 200_000): (key: string) => T {
  let cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(key);
      if (cache.size >= maxEntries) cache = new Map();
      cache.set(key, value);
    }
    return value;
  };
}
