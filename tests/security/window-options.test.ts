import { describe, expect, it } from 'vitest';
import { buildWindowOptions } from '../../electron/main/window-options';

describe('buildWindowOptions', () => {
  const options = buildWindowOptions('/app/dist-electron/preload.cjs');
  const prefs = options.webPreferences ?? {};

  it('uses the given preload', () => {
    expect(prefs.preload).toBe('/app/dist-electron/preload.cjs');
  });

  it.each([
    ['sandbox', true],
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['spellcheck', false],
  ] as const)('sets %s to %s explicitly', (key, value) => {
    expect(prefs).toHaveProperty(key, value);
  });

  it('closes DevTools unless asked (a packaged build never asks)', () => {
    expect(prefs.devTools).toBe(false);
    expect(buildWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('cannot be loosened by the overrides', () => {
    const loosened = buildWindowOptions('/p.cjs', { devTools: true }).webPreferences;
    expect(loosened?.sandbox).toBe(true);
    expect(loosened?.contextIsolation).toBe(true);
    expect(loosened?.nodeIntegration).toBe(false);
  });

  it('opens hidden and shows on first paint', () => {
    expect(options.show).toBe(false);
  });
});
