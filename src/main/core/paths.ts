import os from 'node:os';
import path from 'node:path';

/** Where data lives when no --db / SOTONG_DB is given; Electron is pointed at the same folder. */
export function defaultDataDir(): string {
  if (process.env.SOTONG_DATA_DIR) return process.env.SOTONG_DATA_DIR; // tests, portable installs
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'sotong');
  if (process.platform === 'darwin')
    return path.join(os.homedir(), 'Library', 'Application Support', 'sotong');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'sotong');
}

export function defaultDbPath(): string {
  return process.env.SOTONG_DB || path.join(defaultDataDir(), 'sotong.db');
}
