/**
 * Makes every skipped test visible: after the run, one line per test that skipped itself
 * (`ctx.skip(reason)`), with its reason, and the count of those skipped by the code
 * (`it.skip`, `skipIf`, or left out by a name filter). With `ECOUTE_FAIL_ON_SKIP=1` (as
 * `.ci/run` sets) any skip fails the run: CI runs everything, so a skip there hides a test.
 */
import type { Reporter, TestCase, TestModule } from 'vitest/node';

const byItself = (test: TestCase) => test.options.mode === 'run' || test.options.mode === 'only';

/** A test whose file or suite failed before it (a hook, an import) is marked skipped too. */
const notReached = (test: TestCase) =>
  test.module.state() === 'failed' || (test.parent.type === 'suite' && test.parent.state() === 'failed');

const describe = (test: TestCase) => {
  const result = test.result();
  const note = result.state === 'skipped' ? result.note : undefined;
  const why =
    note ??
    (notReached(test)
      ? '(not run: its file or suite failed first)'
      : byItself(test)
        ? '(no reason given)'
        : '(it.skip, skipIf or a name filter)');
  return `  ↓ ${test.module.relativeModuleId} > ${test.fullName}: ${why}`;
};

export default class SkipReport implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped = modules.flatMap((m) => [...m.children.allTests('skipped')]);
    if (skipped.length === 0) return;
    const dynamic = skipped.filter(byItself);
    const lines = [
      '',
      `Skipped: ${skipped.length} test(s), ${dynamic.length} by themselves, ${skipped.length - dynamic.length} by the code or a filter`,
      ...dynamic.map(describe),
    ];
    const strict = process.env.ECOUTE_FAIL_ON_SKIP === '1';
    if (strict) {
      lines.push(...skipped.filter((t) => !dynamic.includes(t)).map(describe));
      lines.push('ECOUTE_FAIL_ON_SKIP=1: a skipped test fails the run.');
      process.exitCode = 1;
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
