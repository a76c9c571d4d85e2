import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveNativeBinding } from '../../electron/main/native-binding';

const appPath = path.resolve('/opt/techstore');
const keptApart = path.join(appPath, 'native', 'electron-abi140', 'better_sqlite3.node');

describe('resolveNativeBinding', () => {
  it('uses the module’s own build when no Electron build is kept apart (packaged app)', () => {
    expect(resolveNativeBinding({ explicitPath: undefined, appPath, abi: '140', exists: () => false })).toBeUndefined();
  });

  it('finds the Electron-ABI build kept apart for this ABI', () => {
    const exists = (file: string) => file === keptApart;
    expect(resolveNativeBinding({ explicitPath: undefined, appPath, abi: '140', exists })).toBe(keptApart);
    expect(resolveNativeBinding({ explicitPath: undefined, appPath, abi: '141', exists })).toBeUndefined();
  });

  it('prefers TECHSTORE_SQLITE_BINDING, and fails loudly when it names a missing file', () => {
    const explicit = path.resolve('/tmp/electron/better_sqlite3.node');
    expect(resolveNativeBinding({ explicitPath: explicit, appPath, abi: '140', exists: () => true })).toBe(explicit);
    expect(() => resolveNativeBinding({ explicitPath: explicit, appPath, abi: '140', exists: () => false })).toThrow(
      /missing file/,
    );
  });
});
