/**
 * jest's global setup and teardown (jest.config.js): the test run's temporary files go to a folder of its own,
 * removed when the run ends. Set before jest starts its workers, TMPDIR holds for them and everything they run.
 * Libraries that make folders in the system temporary folder and leave them (cdk8s's `Testing.app()` makes one
 * per call) then leave nothing behind either.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The variable that keeps the system temporary folder the run started with, for the teardown. */
const SAVED = 'DCAE_TEST_SAVED_TMPDIR';

export function setup(): void {
  process.env[SAVED] = process.env.TMPDIR ?? '';
  process.env.TMPDIR = fs.mkdtempSync(path.join(os.tmpdir(), 'dcae-jest-'));
}

export function teardown(): void {
  const folder = process.env.TMPDIR;
  if (process.env[SAVED]) process.env.TMPDIR = process.env[SAVED];
  else delete process.env.TMPDIR;
  delete process.env[SAVED];
  if (folder && path.basename(folder).startsWith('dcae-jest-')) fs.rmSync(folder, { recursive: true, force: true });
}
