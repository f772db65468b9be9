/** The managed-storage schema and the manifests: Chrome declares it, Firefox must not (it warns and uses policies.json). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { chromeManifest, firefoxManifest } from '../../scripts/firefox-manifest';
import { parseManaged } from '../../src/settings';

const schema = JSON.parse(readFileSync(new URL('../../public/managed-schema.json', import.meta.url), 'utf8')) as {
  type: string;
  properties: Record<string, { type: string; items?: { type: string; properties: Record<string, { type: string; enum?: string[] }> } }>;
};

describe('managed storage schema', () => {
  it('Chrome manifest points at the schema; Firefox manifest has no storage key', () => {
    expect(chromeManifest(manifest, '1.2.3')['storage']).toEqual({ managed_schema: 'managed-schema.json' });
    expect(firefoxManifest(manifest, '1.2.3')['storage']).toBeUndefined();
    expect(firefoxManifest(manifest, '1.2.3')['permissions']).toContain('storage');
  });

  it('describes exactly the keys parseManaged reads, with the pin fields of IdentityPin', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual(['confirmFailedDownloads', 'disableTrustRootUpdates', 'pins', 'strict']);
    expect(schema.properties.disableTrustRootUpdates!.type).toBe('boolean');
    expect(schema.properties.strict!.type).toBe('boolean');
    expect(schema.properties.confirmFailedDownloads!.type).toBe('boolean');
    const pin = schema.properties.pins!.items!;
    expect(Object.keys(pin.properties).sort()).toEqual(['email', 'kind', 'project', 'repository', 'workflow']);
    expect(pin.properties.kind!.enum).toEqual(['GitHub', 'GitLab', 'Google']);
  });

  it('the docs samples parse into what they say', () => {
    const doc = readFileSync(new URL('../../docs/managed.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!.replaceAll('<extension-id>', 'id')));
    const chrome = blocks[0]['3rdparty'].extensions.id;
    const firefox = blocks[2].policies['3rdparty'].Extensions['pypi-provenance@example.org'];
    for (const p of [chrome, firefox]) {
      const m = parseManaged(p);
      expect(m.strict).toBe(true);
      expect(m.confirmFailedDownloads).toBe(true);
      expect(m.pins.length).toBe(p.pins.length);
    }
  });
});
