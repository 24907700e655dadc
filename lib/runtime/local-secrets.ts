import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type LocalSecrets = { authSecret: string; masterKey: string; pgPassword: string };

/**
 * For the embedded default only: secrets generated once and kept in `.data/secrets.json`
 * (mode 0600). Production passes them through the environment instead.
 */
export function loadOrCreateLocalSecrets(dataDir: string): {
  secrets: LocalSecrets;
  created: boolean;
  file: string;
} {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) {
    return {
      secrets: JSON.parse(fs.readFileSync(file, 'utf8')) as LocalSecrets,
      created: false,
      file,
    };
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const secrets: LocalSecrets = {
    authSecret: randomBytes(32).toString('base64url'),
    masterKey: randomBytes(32).toString('base64'),
    pgPassword: randomBytes(18).toString('base64url'),
  };
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return { secrets, created: true, file };
}
