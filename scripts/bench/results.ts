import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FILE = path.join(process.cwd(), 'docs', 'benchmarks.md');
const HEADER = `# Benchmarks

Measured with the \`npm run bench:*\` scripts on this project's machine (2 cores, real
PostgreSQL). Each script rewrites its own section below; targets come from the issues. A target
that is not met is marked **missed**, not hidden.
`;

/** Replaces (or adds) the section between `<!-- name -->` markers in docs/benchmarks.md. */
export function writeSection(name: string, title: string, lines: string[]): void {
  const current = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : HEADER;
  const stamp = `_Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}._`;
  const block = `<!-- ${name} -->\n## ${title}\n\n${stamp}\n\n${lines.join('\n')}\n<!-- /${name} -->`;
  const re = new RegExp(`<!-- ${name} -->[\\s\\S]*?<!-- /${name} -->`);
  const next = re.test(current) ? current.replace(re, block) : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(FILE, next);
  console.log(`\n${block}\n\n(written to docs/benchmarks.md)`);
}

export function verdict(ok: boolean): string {
  return ok ? 'met' : '**missed**';
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Waits (up to 5 minutes) until the app started by a benchmark answers its health check. */
export async function waitHealthy(base: string): Promise<void> {
  const end = Date.now() + 300_000;
  while (Date.now() < end) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the app did not start');
}
