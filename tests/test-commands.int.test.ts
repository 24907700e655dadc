import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The test commands must fail when a test fails. tests/command-fixtures holds one passing and one
// failing test per tier; SANAD_COMMAND_FIXTURES=1 makes vitest.config.mts run only those.

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'sanad-test-commands-'));
afterAll(() => fs.rmSync(reports, { recursive: true, force: true }));

type Run = { code: number | null; output: string };
type Env = Record<string, string | undefined>;

function run(command: string, args: string[], env: Env = {}): Promise<Run> {
  const childEnv: Env = { ...process.env, SANAD_COMMAND_FIXTURES: '1', NO_COLOR: '1', ...env };
  // The child is a fresh vitest run, not a worker of this one.
  for (const key of Object.keys(childEnv)) if (key.startsWith('VITEST')) delete childEnv[key];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: childEnv as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** `npm run <script>` on the fixtures, with the JSON report `npm test` reads. */
function runScript(script: string, report: string, env?: Env): Promise<Run> {
  const json = path.join(reports, report);
  return run(
    'npm',
    ['run', script, '--', '--reporter=default', '--reporter=json', `--outputFile=${json}`],
    env,
  );
}

function expectOneFailure({ code, output }: Run) {
  expect(code, output).toBe(1);
  expect(output).toContain('fails on purpose');
  expect(output).toMatch(/Tests\s+1 failed \| 1 passed \(2\)/);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('the test commands', () => {
  it('npm run test:unit exits 1 when a unit test fails', async () => {
    expectOneFailure(await runScript('test:unit', 'unit.json'));
  });

  it('npm run test:int exits 1 when an integration test fails', async () => {
    expectOneFailure(await runScript('test:int', 'int.json'));
  });

  it('npm run test:int exits 1 on the embedded database too', async () => {
    // No server at this address: the run starts the embedded PostgreSQL, whose library ends the
    // process with code 0 unless its exit hook is taken over.
    const port = await freePort();
    expectOneFailure(
      await runScript('test:int', 'int-embedded.json', {
        TEST_DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/postgres`,
        TEST_EMBEDDED_PG_PORT: String(port),
        TEST_EMBEDDED_DATA_DIR: path.join('.data', 'test-commands-embedded'),
      }),
    );
  }, 120_000);

  it("npm test's summary counts the failures and exits 1", async () => {
    // Reads unit.json and int.json, written by the first two tests of this file.
    const result = await run(process.execPath, ['scripts/test-summary.mjs', reports]);
    expect(result.output).toContain('2 passed, 2 failed');
    expect(result.code).toBe(1);
  });
});
