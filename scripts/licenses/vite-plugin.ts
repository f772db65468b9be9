/**
 * The licence step of every shipped bundle, as a Vite (rolldown/rollup) plugin: after the bundle
 * is generated, it reads the module ids of every chunk, collects the third-party packages among
 * them (scripts/licenses/collect.ts), FAILS the build on any licence problem, and emits
 * THIRD_PARTY_LICENSES.txt beside the bundle. One line in a Vite config:
 *
 *   plugins: [..., thirdPartyLicenses({ title: 'the pypi-provenance CLI' })]
 *
 * Works for any Vite/rollup build (extension, CLI, a future npm package); docs/licenses.md.
 */
import type { Plugin } from 'vite';
import { collectLicences, renderLicenceFile } from './collect';

export const LICENSE_FILE_NAME = 'THIRD_PARTY_LICENSES.txt';

export interface ThirdPartyLicensesOptions {
  /** What the file describes, e.g. "the pypi-provenance Chrome extension 0.1.0". */
  title: string;
  /** Output file name inside the build folder (default THIRD_PARTY_LICENSES.txt). */
  fileName?: string;
  /** Packages whose code reaches the output without being a module (a plugin's generated files). */
  extraPackages?: { name: string; why: string }[];
}

export function thirdPartyLicenses(options: ThirdPartyLicensesOptions): Plugin {
  let root = process.cwd();
  return {
    name: 'pypi-provenance:third-party-licenses',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_output, bundle) {
      const ids = new Set<string>();
      for (const item of Object.values(bundle)) {
        if (item.type === 'chunk') for (const id of Object.keys(item.modules)) ids.add(id);
      }
      const report = collectLicences(ids, { root, extraPackages: options.extraPackages ?? [] });
      if (report.problems.length) {
        this.error(
          `third-party licence check failed (scripts/licenses/allow-list.json, docs/licenses.md):\n  ${report.problems.join('\n  ')}`,
        );
      }
      this.emitFile({ type: 'asset', fileName: options.fileName ?? LICENSE_FILE_NAME, source: renderLicenceFile(report, options.title) });
    },
  };
}
