// A Stryker reporter: the mutation score of each mutated module, and a failed run when any one
// of them is under the `low` threshold (Stryker's own `break` checks only the total).
import path from 'node:path';
import { commonTokens, declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Per file: detected / (detected + undetected), as Stryker counts its mutation score. */
export function moduleScores(report, inScope) {
  const rows = [];
  for (const [name, file] of Object.entries(report.files)) {
    const relative = path.relative(process.cwd(), path.resolve(name));
    if (!inScope(relative)) continue;
    const detected = file.mutants.filter((m) => DETECTED.has(m.status)).length;
    const undetected = file.mutants.filter((m) => UNDETECTED.has(m.status)).length;
    const total = detected + undetected;
    rows.push({
      file: relative,
      detected,
      undetected,
      score: total ? (100 * detected) / total : 100,
    });
  }
  return rows.sort((a, b) => a.file.localeCompare(b.file));
}

class ModuleScoresReporter {
  static inject = [commonTokens.logger, commonTokens.options, commonTokens.fileDescriptions];

  constructor(log, options, fileDescriptions) {
    this.log = log;
    this.minimum = options.thresholds.low;
    // Files mutated in this run; the incremental report also carries earlier runs' modules.
    this.mutated = new Set(
      Object.entries(fileDescriptions)
        .filter(([, description]) => description.mutate)
        .map(([name]) => path.relative(process.cwd(), path.resolve(name))),
    );
  }

  onMutationTestReportReady(report) {
    const rows = moduleScores(report, (file) => this.mutated.has(file));
    const lines = [
      '| module | score | detected | missed |',
      '| ------ | ----: | -------: | -----: |',
      ...rows.map(
        (r) => `| ${r.file} | ${r.score.toFixed(1)}% | ${r.detected} | ${r.undetected} |`,
      ),
    ];
    this.log.info(`Mutation score per module:\n${lines.join('\n')}`);
    const low = rows.filter((r) => r.score < this.minimum);
    if (low.length > 0) {
      this.log.error(
        `Under ${this.minimum}%: ${low.map((r) => `${r.file} (${r.score.toFixed(1)}%)`).join(', ')}`,
      );
      process.exitCode = 1;
    }
  }
}

export const strykerPlugins = [
  declareClassPlugin(PluginKind.Reporter, 'module-scores', ModuleScoresReporter),
];
