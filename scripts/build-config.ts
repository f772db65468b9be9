/**
 * Shared bundler pieces for every browser-like bundle (extension + CLIs):
 *  - aliases that replace Node's `crypto`, `util` and `buffer` with our small shims (src/shim/;
 *    the CLIs keep the `buffer` npm package: cliShimAliases), and `@sigstore/protobuf-specs` and `minimatch` with
 *    the parts of them that are used (src/shim/protobuf-specs.ts, src/shim/minimatch.ts),
 *  - a plugin that FAILS the build if any other Node built-in would be externalized
 *    (vite only warns, and the worker then dies silently at start-up).
 *
 * Browser entries that load @sigstore/* must `import '<rel>/shim/buffer-global'` first:
 * the aliases replace imports, but sigstore also uses the *global* Buffer.
 */
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import { minifySync, parseAst, type Plugin } from 'vite';
import { minifyCssText } from './minify-css';

const shim = (f: string) => fileURLToPath(new URL(`../src/shim/${f}`, import.meta.url));

export const browserShimAliases: { find: string | RegExp; replacement: string }[] = [
  { find: /^(node:)?crypto$/, replacement: shim('crypto.ts') },
  { find: /^(node:)?util$/, replacement: shim('util.ts') },
  // The subset of Buffer the bundles call (the `buffer` npm package is ≈27 kB minified; this 4.3 kB).
  { find: /^(node:)?buffer$/, replacement: shim('buffer.ts') },
  // Only the generated modules that are used (the package index also pulls sigstore_verification).
  { find: /^@sigstore\/protobuf-specs$/, replacement: shim('protobuf-specs.ts') },
  // @tufjs/models' one call (delegation path segments): literals, * and ?; anything else matches nothing.
  { find: /^minimatch$/, replacement: shim('minimatch.ts') },
];

/**
 * The CLIs' aliases: the same, except that `buffer` stays the `buffer` npm package (the whole Node
 * API). The CLIs run in Node with Node's global Buffer replaced by the bundle's (scripts/cli.mjs), and
 * Node's own fetch (undici) then calls Buffer.allocUnsafe and more through that global.
 */
export const cliShimAliases: { find: string | RegExp; replacement: string }[] = browserShimAliases.map((a) =>
  String(a.find) === String(/^(node:)?buffer$/)
    ? { find: a.find, replacement: fileURLToPath(new URL('../node_modules/buffer/index.js', import.meta.url)) }
    : a,
);

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** True for a specifier that names a Node built-in (`fs`, `fs/promises`, `node:anything`). */
export function isNodeBuiltin(id: string): boolean {
  return builtins.has(id) || id.startsWith('node:');
}

export function failOnNodeBuiltins(): Plugin {
  return {
    name: 'pypi-provenance:fail-on-node-builtins',
    enforce: 'pre',
    // 1. Any built-in that reaches resolution was not aliased to a shim: stop here.
    //    (The alias plugin runs before every user plugin, so shimmed modules never get here.)
    resolveId(source, importer) {
      if (isNodeBuiltin(source)) {
        this.error(`Node built-in "${source}" imported by ${importer ?? '?'} would be externalized in a browser bundle`);
      }
      return null;
    },
    // 2. Belt and braces: no emitted chunk may still import a built-in.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const bad = [...chunk.imports, ...chunk.dynamicImports].filter(isNodeBuiltin);
        if (bad.length) this.error(`Chunk ${chunk.fileName} imports Node built-in(s) ${bad.join(', ')}`);
      }
    },
    // 3. Vite's own "externalized for browser compatibility" warning becomes an error.
    configResolved(config) {
      const warn = config.logger.warn;
      config.logger.warn = (msg, opts) => {
        if (/externalized for browser compatibility/.test(msg)) throw new Error(`Build failed: ${msg}`);
        warn(msg, opts);
      };
    },
  };
}

/**
 * The English messages.json is bundled as the i18n fallback (src/i18n/index.ts). Browsers read the
 * real file from _locales/; the bundled copy needs only `message` and `placeholders[].content`:
 * translator notes (`description`, `example`) are dropped from the bundle (~half its size).
 */
export function compactMessagesJson(): Plugin {
  return {
    name: 'pypi-provenance:compact-messages-json',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]_locales[\\/][^\\/]+[\\/]messages\.json$/.test(id.split('?')[0] ?? '')) return null;
      const all = JSON.parse(code) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(all)) {
        const placeholders = entry.placeholders
          ? Object.fromEntries(Object.entries(entry.placeholders).map(([k, v]) => [k, { content: v.content }]))
          : undefined;
        out[key] = placeholders ? { message: entry.message, placeholders } : { message: entry.message };
      }
      return { code: JSON.stringify(out), map: null }; // still JSON: vite's json plugin turns it into a module
    },
  };
}

const PRELOAD_HELPER = '\0vite/preload-helper.js';

/**
 * Dynamic imports as the browser does them, without Vite's preload helper. Only the content script
 * imports dynamically (the panel, the download dialog, …), and there the helper ran in pypi.org's
 * document: it added `<link rel="modulepreload" href="chrome-extension://…">` to the page's head
 * and dispatched `vite:preloadError` on the page's window, and it cost ≈2.2 kB in the script every
 * project page loads (issue #16). A chunk's own static imports load with it anyway; the HTML pages
 * keep their modulepreload links (only JS hosts get an empty list).
 */
export function plainDynamicImports(): Plugin {
  return {
    name: 'pypi-provenance:plain-dynamic-imports',
    enforce: 'pre',
    config: () => ({
      build: { modulePreload: { resolveDependencies: (_file, deps, { hostType }) => (hostType === 'js' ? [] : deps) } },
    }),
    resolveId: (id) => (id === PRELOAD_HELPER ? id : null),
    load: (id) => (id === PRELOAD_HELPER ? 'export const __vitePreload = (load) => load();' : null),
  };
}

/**
 * Minifies the `css` templates of the extension's sources at build time (see minifyCssText). Only
 * tagged templates whose interpolations are plain names (`${TOKENS}`) and whose text has no
 * backslash are touched; they become plain template literals (the same string: without a
 * backslash, `String.raw` and the cooked text agree), so the bundles need no `css` function.
 */
export function minifyCssTemplates(): Plugin {
  return {
    name: 'pypi-provenance:minify-css-templates',
    transform(code, id) {
      if (!/[\\/]src[\\/].+\.tsx?$/.test(id.split('?')[0] ?? '') || !code.includes('css`')) return null;
      const out = code.replace(/\bcss`([^`\\]*)`/g, (whole, body: string) => {
        const pieces = body.split(/(\$\{[A-Za-z_$][\w$]*\})/);
        if (pieces.some((p, i) => i % 2 === 0 && p.includes('${'))) return whole; // an interpolation we do not understand
        // A plain template: the body has no backslash (the pattern excludes it), so the cooked text is the raw one.
        return `\`${pieces.map((p, i) => (i % 2 === 1 ? p : minifyCssText(p))).join('')}\``;
      });
      return out === code ? null : { code: out, map: null };
    },
  };
}

/** The generated CommonJS modules of @sigstore/protobuf-specs (ts-proto output). */
export const PROTOBUF_GENERATED = /[\\/]@sigstore[\\/]protobuf-specs[\\/]dist[\\/]__generated__[\\/].+\.js$/;

interface AstNode {
  type: string;
  start: number;
  end: number;
  [k: string]: unknown;
}

/**
 * The source of a generated protobuf-specs module without its JSON *writers*: the `toJSON` method
 * of every `exports.Message = { fromJSON, toJSON }` codec, and the `exports.enumToJSON = enumToJSON`
 * export lines (the functions themselves are then unused and the minifier drops them). The bundles
 * only read JSON (Bundle, TrustedRoot, … fromJSON); nothing they contain writes it
 * (@sigstore/bundle's bundleToJSON / envelopeToJSON are exported but never called).
 * test/shim/protobuf-specs.test.ts: every fromJSON of every module gives the same result as the
 * untouched module, and no toJSON is left.
 */
export function withoutProtobufJsonWriters(code: string): string {
  const program = parseAst(code) as unknown as { body: AstNode[] };
  const cuts: [number, number][] = [];
  for (const stmt of program.body) {
    if (stmt.type !== 'ExpressionStatement') continue;
    const e = stmt.expression as AstNode;
    if (e.type !== 'AssignmentExpression') continue;
    const left = e.left as AstNode & { object?: AstNode & { name?: string }; property?: AstNode & { name?: string } };
    if (left.type !== 'MemberExpression' || left.object?.name !== 'exports') continue;
    const right = e.right as AstNode & { properties?: (AstNode & { key?: { name?: string } })[]; name?: string };
    if (right.type === 'Identifier' && /ToJSON$/.test(right.name ?? '') && left.property?.name === right.name) {
      cuts.push([stmt.start, stmt.end]);
    } else if (right.type === 'ObjectExpression') {
      const props = right.properties ?? [];
      props.forEach((p, i) => {
        if (p.key?.name !== 'toJSON') return;
        // With the comma that separates it: up to the next property, or from the previous one.
        if (i + 1 < props.length) cuts.push([p.start, props[i + 1]!.start]);
        else if (i > 0) cuts.push([props[i - 1]!.end, p.end]);
        else throw new Error('a protobuf-specs codec with only toJSON'); // never generated by ts-proto
      });
    }
  }
  let out = code;
  for (const [a, b] of cuts.sort((x, y) => y[0] - x[0])) out = out.slice(0, a) + out.slice(b);
  return out;
}

export function stripProtobufJsonWriters(): Plugin {
  return {
    name: 'pypi-provenance:strip-protobuf-json-writers',
    enforce: 'pre',
    transform(code, id) {
      if (!PROTOBUF_GENERATED.test(id.split('?')[0] ?? '')) return null;
      return { code: withoutProtobufJsonWriters(code), map: null };
    },
  };
}

/** The query that marks a module as the content script's own copy (see ownContentModules). */
export const CONTENT_COPY = '?pp-content';

/**
 * The content script gets its own copy of every module it loads (issue #16). Without this, a
 * module that the worker, the popup or the options page also import lands in a chunk shared with
 * them: the script every pypi.org page loads then carries that module's code for the other
 * entries (the worker's request parsers in messages.ts, the i18n fallback formatter…) and the
 * import/export glue between chunks. Each import made from the content entry's module graph
 * (static or dynamic: the panel and the other chunks loaded on first need included) resolves
 * as usual, then gets `?pp-content` appended: a distinct module to the bundler, so the content
 * graph is chunked and tree-shaken on its own. Same source, same transforms (every plugin here
 * strips the query before matching a path); only the chunking differs. Nothing is shared at run
 * time anyway: the worker, the pages and the content script are separate JavaScript realms.
 */
export function ownContentModules(entries: string[]): Plugin {
  const roots = new Set(entries.map((e) => fileURLToPath(new URL(`../${e}`, import.meta.url))));
  const inGraph = (id: string) => id.endsWith(CONTENT_COPY) || roots.has(id);
  return {
    name: 'pypi-provenance:own-content-modules',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !inGraph(importer) || source.includes('?') || source.startsWith('\0')) return null;
      const from = importer.endsWith(CONTENT_COPY) ? importer.slice(0, -CONTENT_COPY.length) : importer;
      const r = await this.resolve(source, from, { ...options, skipSelf: true });
      if (!r || r.external || r.id.startsWith('\0') || r.id.includes('?') || !/\.[cm]?[jt]sx?$/.test(r.id)) return r;
      return { ...r, id: r.id + CONTENT_COPY };
    },
  };
}

/**
 * The content-script loader that @crxjs/vite-plugin writes (`assets/<entry>-loader-<hash>.js`, a
 * classic script that imports the module) is emitted as written, indented and commented: the script
 * every pypi.org page loads then carries ≈110 bytes of layout (issue #16). Minified here, after
 * crx emitted it (same code: `import(chrome.runtime.getURL(…))`, its timing and error logging).
 */
export function minifyCrxLoaders(): Plugin {
  return {
    name: 'pypi-provenance:minify-crx-loaders',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !/-loader-[\w-]+\.js$/.test(file.fileName) || typeof file.source !== 'string') continue;
          if (!file.source.includes('chrome.runtime.getURL(')) continue;
          const out = minifySync(file.fileName, file.source, { compress: true, mangle: true });
          if (out.errors.length > 0) this.error(`could not minify ${file.fileName}: ${out.errors.map((e) => e.message).join('; ')}`);
          file.source = out.code;
        }
      },
    },
  };
}
