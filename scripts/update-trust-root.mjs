// Refreshes the bundled Sigstore public-good trust root from the @sigstore/tuf package's embedded TUF
// data (seeds.json): writes public/trust/trusted_root.json, public/trust/tuf_root.json and public/trust/meta.json.
// Usage: npm install --save-dev --save-exact @sigstore/tuf@<newer> && npm run update-trust-root
// The old root stays in git history (and test/fixtures/trust) so older attestations keep verifying in tests.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const TUF_URL = 'https://tuf-repo-cdn.sigstore.dev';
const pkg = JSON.parse(readFileSync(require.resolve('@sigstore/tuf/package.json'), 'utf8'));
const seeds = JSON.parse(readFileSync(require.resolve('@sigstore/tuf/seeds.json'), 'utf8'));
const seed = seeds[TUF_URL];
if (!seed?.targets?.['trusted_root.json'] || !seed['root.json']) {
  console.error(`@sigstore/tuf@${pkg.version} has no embedded trusted_root.json for ${TUF_URL}`);
  process.exit(1);
}
const rootBytes = Buffer.from(seed.targets['trusted_root.json'], 'base64');
const tufRoot = JSON.parse(Buffer.from(seed['root.json'], 'base64').toString('utf8'));
const trusted = JSON.parse(rootBytes.toString('utf8'));
if (!String(trusted.mediaType).startsWith('application/vnd.dev.sigstore.trustedroot')) {
  console.error('embedded trusted_root.json has an unexpected mediaType');
  process.exit(1);
}
const out = new URL('../public/trust/', import.meta.url);
const prev = (() => {
  try {
    return JSON.parse(readFileSync(new URL('meta.json', out), 'utf8'));
  } catch {
    return null;
  }
})();
const sha = createHash('sha256').update(rootBytes).digest('hex');
writeFileSync(new URL('trusted_root.json', out), rootBytes);
// The TUF root.json the trusted root came from: the starting point of trust-root refreshes (src/trust/).
writeFileSync(new URL('tuf_root.json', out), Buffer.from(seed['root.json'], 'base64'));
const unchanged =
  prev?.trustedRootSha256 === sha && prev?.tufRootVersion === tufRoot.signed.version && prev?.tufRootExpires === tufRoot.signed.expires;
const meta = {
  source: `@sigstore/tuf@${pkg.version} seeds.json (${TUF_URL})`,
  trustedRootSha256: sha,
  tufRootVersion: tufRoot.signed.version,
  tufRootExpires: tufRoot.signed.expires,
  // The day these roots were recorded: kept when neither root changed, so a no-op run leaves meta.json alone.
  recorded: unchanged && typeof prev?.recorded === 'string' ? prev.recorded : new Date().toISOString().slice(0, 10),
};
writeFileSync(new URL('meta.json', out), JSON.stringify(meta, null, 2) + '\n');
console.log(unchanged ? 'trust root unchanged' : `trust root updated: ${prev?.trustedRootSha256 ?? 'none'} -> ${sha}`);
console.log(`TUF root v${meta.tufRootVersion}, expires ${meta.tufRootExpires}`);
