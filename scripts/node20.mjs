// Node 20 lacks Map.groupBy and Object.groupBy, which Vitest 5's reporters call when a test
// fails; without them a failure is reported as a crash instead of its message.
if (!Map.groupBy) {
  Map.groupBy = (items, key) => {
    const m = new Map();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      if (!m.has(k)) m.set(k, []);
      m.get(k).push(item);
    }
    return m;
  };
}
if (!Object.groupBy) {
  Object.groupBy = (items, key) => Object.fromEntries(Map.groupBy(items, key));
}
