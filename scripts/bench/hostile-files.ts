// Hostile award files and the worker-like child that validates one (validate-work.ts), shared by
// `npm run bench:records` and the memory test of lib/records (hostile-files.int.test.ts).
import { fork } from 'node:child_process';
import fs from 'node:fs';

export const HOSTILE_HEADER =
  'OPERATION,CERT_NO,ACADEMIC_COURSE_ID,COURSE_NAME,REGN_NO,RROLL,CNAME,DOB,GENDER\n';
const row = (i: number) => `ADD,H-${i},X,Course,R${i},RR${i},Name ${i},14-08-2004,F\n`;

/** Writes `head`, then plain rows up to about `mb` MB, then `tail`. */
function writeRows(file: string, head: string, mb: number, tail = ''): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, head);
  let block = '';
  for (let i = 0; i < 20_000; i++) block += row(i);
  for (let size = head.length; size < mb * 1048576 - block.length; size += block.length)
    fs.writeSync(fd, block);
  fs.writeSync(fd, tail);
  fs.closeSync(fd);
}

/** About `mb` MB whose row 4 opens a quote that is never closed. */
export function writeUnclosedQuoteFile(file: string, mb = 50): void {
  writeRows(
    file,
    `${HOSTILE_HEADER}${row(1)}${row(2)}ADD,H-3,X,"Course,R3,RR3,Name,14-08-2004,F\n`,
    mb,
  );
}

/** A file whose row 3 has a quoted CNAME cell of `mb` MB, closed, and a row after it. */
export function writeHugeCellFile(file: string, mb = 40): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, `${HOSTILE_HEADER}${row(1)}ADD,H-2,X,Course,R2,RR2,"`);
  const block = 'y'.repeat(1048576);
  for (let i = 0; i < mb; i++) fs.writeSync(fd, block);
  fs.writeSync(fd, `",14-08-2004,F\n${row(3)}`);
  fs.closeSync(fd);
}

/** A file whose second row has 100,000 more cells than the header. */
export function writeWideRowFile(file: string): void {
  fs.writeFileSync(
    file,
    `${HOSTILE_HEADER}${row(1).trim()},${Array(100_000).fill('v').join(',')}\n`,
  );
}

export type ChildReport = {
  status: string;
  failure: { code: string; values?: Record<string, unknown> } | null;
  uploadId: string;
  ms: number;
  /** Resident memory in MB: `peak` is the process's high-water mark (VmHWM). */
  after: { peak: number };
};

/**
 * Runs validate-work.ts in a child process started the way the worker is: `validate <file>
 * <org id> <user id>` receives and validates a file, `report <upload id> <org id>` reads an
 * upload's report to the end.
 */
export function runWorkChild(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return new Promise<ChildReport>((resolve, reject) => {
    const child = fork('scripts/bench/validate-work.ts', args, {
      execArgv: ['--import', 'tsx', '--import', './scripts/hooks/register.mjs'],
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: ChildReport | null = null;
    child.on('message', (m) => (report = m as ChildReport));
    child.on('error', reject);
    child.on('exit', (code) =>
      report ? resolve(report) : reject(new Error(`the child exited with ${code}`)),
    );
  });
}
