import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that take a minute or more. Vitest orders files by the durations of its last run, but a
 * fresh clone (CI) has none and goes by file size, which started the day simulation last: the
 * whole suite then waited two minutes on one worker. These start first, the rest as Vitest says.
 */
const LONG_FILES = [
  'tests/integration/bench/hall-day.test.ts',
  'tests/integration/cluster/multi-node.test.ts',
  'tests/integration/process/server-lifecycle.test.ts',
];

const rank = (file: TestSpecification): number => {
  const at = LONG_FILES.findIndex((long) => file.moduleId.endsWith(long));
  return at < 0 ? LONG_FILES.length : at;
};

export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const order = await super.sort(files);
    return order
      .map((file, at) => ({ file, at }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.at - b.at)
      .map(({ file }) => file);
  }
}
