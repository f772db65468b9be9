import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseManaged, resolveSettings, userSettingsFrom, type IdentityPin } from '../../src/settings';

const gh = (project: string, repository: string, workflow?: string): IdentityPin => ({
  project,
  kind: 'GitHub',
  repository,
  ...(workflow ? { workflow } : {}),
});

describe('parseManaged', () => {
  it('is empty for no policy, non-objects and unknown keys', () => {
    for (const v of [undefined, null, {}, [], 'strict', 42, { foo: true }]) expect(parseManaged(v)).toEqual({ pins: [] });
  });
  it('forces only true; false or non-booleans lock nothing', () => {
    expect(parseManaged({ strict: true, confirmFailedDownloads: true })).toEqual({ strict: true, confirmFailedDownloads: true, pins: [] });
    expect(parseManaged({ strict: false, confirmFailedDownloads: 'true' })).toEqual({ pins: [] });
  });
  it('validates and normalises pins, drops invalid ones and duplicates', () => {
    const m = parseManaged({
      pins: [
        { project: 'Sample_Project', kind: 'GitHub', repository: 'pypa/sampleproject' },
        { project: 'x', kind: 'GitHub', repository: 'no-slash' },
        { project: 'x', kind: 'Bitbucket', repository: 'a/b' },
        'junk',
        { project: 'sample.project', kind: 'GitHub', repository: 'PyPA/SampleProject' },
        { project: 'g', kind: 'Google', email: 'a@b.iam.gserviceaccount.com' },
      ],
    });
    expect(m.pins).toEqual([
      gh('sample-project', 'pypa/sampleproject'),
      { project: 'g', kind: 'Google', email: 'a@b.iam.gserviceaccount.com' },
    ]);
  });
});

describe('resolveSettings', () => {
  it('without a policy, the user settings (top-level or nested) are the settings', () => {
    const user = { strict: true, confirmFailedDownloads: false, showSummary: false, pins: [gh('a', 'o/a')], trustRootUpdates: false };
    for (const stored of [user, { settings: user }]) {
      const r = resolveSettings(stored, undefined);
      expect(r.settings).toEqual(user);
      expect(r.managed).toEqual({ pins: [] });
    }
    expect(resolveSettings(undefined, undefined).settings).toEqual(DEFAULT_SETTINGS);
    expect(userSettingsFrom({ settings: { strict: true } }).strict).toBe(true);
  });

  it('managed true overrides the user value; managed false does not', () => {
    const user = { strict: false, confirmFailedDownloads: false };
    expect(resolveSettings(user, { strict: true }).settings).toMatchObject({ strict: true, confirmFailedDownloads: false });
    expect(resolveSettings(user, { confirmFailedDownloads: true }).settings).toMatchObject({ strict: false, confirmFailedDownloads: true });
    expect(resolveSettings({ strict: true }, { strict: false }).settings.strict).toBe(true);
    expect(resolveSettings({ strict: true }, { strict: false }).managed.strict).toBeUndefined();
  });

  it('showSummary is never managed', () => {
    expect(resolveSettings({ showSummary: false }, { showSummary: true }).settings.showSummary).toBe(false);
  });

  it('managed pins are added to user pins', () => {
    const r = resolveSettings({ pins: [gh('a', 'o/a')] }, { pins: [gh('b', 'o/b')] });
    expect(r.settings.pins).toEqual([gh('b', 'o/b'), gh('a', 'o/a')]);
    expect(r.managed.pins).toEqual([gh('b', 'o/b')]);
  });

  it('a user pin cannot widen or remove a managed pin of the same project', () => {
    const r = resolveSettings(
      { pins: [gh('Sample_Project', 'evil/fork'), gh('other', 'o/other')] },
      { pins: [gh('sample-project', 'pypa/sampleproject', 'release.yml')] },
    );
    expect(r.settings.pins).toEqual([gh('sample-project', 'pypa/sampleproject', 'release.yml'), gh('other', 'o/other')]);
    // a user with no pins at all still gets the organisation's
    expect(resolveSettings({ pins: [] }, { pins: [gh('b', 'o/b')] }).settings.pins).toEqual([gh('b', 'o/b')]);
  });

  it('garbage in either area never throws and never weakens the policy', () => {
    for (const junk of [null, 7, 'x', [], { pins: 'x' }, { strict: 'yes' }]) {
      const r = resolveSettings(junk, { strict: true, pins: [gh('b', 'o/b')] });
      expect(r.settings.strict).toBe(true);
      expect(r.settings.pins).toContainEqual(gh('b', 'o/b'));
    }
  });
});

describe('trust-root updates setting', () => {
  it('on by default; the user may turn it off; a managed disableTrustRootUpdates: true turns it off whatever the user chose', () => {
    expect(resolveSettings(undefined, undefined).settings.trustRootUpdates).toBe(true);
    expect(resolveSettings({ trustRootUpdates: false }, undefined).settings.trustRootUpdates).toBe(false);
    expect(resolveSettings({ trustRootUpdates: 'no' }, undefined).settings.trustRootUpdates).toBe(true);
    const forced = resolveSettings({ trustRootUpdates: true }, { disableTrustRootUpdates: true });
    expect(forced.settings.trustRootUpdates).toBe(false);
    expect(forced.managed.disableTrustRootUpdates).toBe(true);
    expect(resolveSettings({ trustRootUpdates: false }, { disableTrustRootUpdates: false }).settings.trustRootUpdates).toBe(false);
    expect(resolveSettings({}, { disableTrustRootUpdates: 'yes' }).managed.disableTrustRootUpdates).toBeUndefined();
  });
});
