/**
 * Third-party licences from a bundle's module graph (docs/licenses.md).
 *
 * Input: the module ids the bundler put into the shipped chunks (rollup/rolldown `chunk.modules`).
 * Each id is one of:
 *  - a file under some `node_modules/<pkg>/` → that package (its package.json's `license`, its
 *    LICENSE / LICENCE / COPYING / NOTICE files);
 *  - a bundler-generated virtual module (`\0rolldown/runtime.js`, `/@crx/manifest`) → the package
 *    that writes it, as the allow-list's `virtualModules` says (an unknown one is an error);
 *  - a file of this repository → ours, unless the allow-list's `bundledData` names it (third-party
 *    data such as the Sigstore trust root, listed with its source and licence);
 *  - anything else (a file outside the repository) → an error.
 * Every package's SPDX expression must be satisfiable by the allow-list's `licenses`, and every
 * package must have a licence text (its own, or one the allow-list's `packages` keeps in the
 * repository). Problems are collected, never thrown one at a time: the build reports them all.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import parseSpdx from 'spdx-expression-parse';

export interface AllowList {
  licenses: Record<string, { kind: string; note?: string; sourceOffer?: boolean }>;
  packages: Record<string, { license?: string; licenseFile?: string; cutAt?: string; why: string }>;
  virtualModules: Record<string, { package: string; why: string }>;
  bundledData: Record<string, { what: string; source: string; license: string }>;
}

export interface LicenceText {
  file: string;
  text: string;
}

export interface ShippedPackage {
  name: string;
  version: string;
  license: string;
  repository: string | null;
  texts: LicenceText[];
  /** Why it is in the bundle when it is not imported code (virtual modules, `extraPackages`). */
  via: string[];
  sourceOffer: boolean;
}

export interface LicenceReport {
  packages: ShippedPackage[];
  data: { path: string; what: string; source: string; license: string }[];
  problems: string[];
}

export const ALLOW_LIST_FILE = fileURLToPath(new URL('./allow-list.json', import.meta.url));

export function loadAllowList(file = ALLOW_LIST_FILE): AllowList {
  return JSON.parse(readFileSync(file, 'utf8')) as AllowList;
}

type ModuleOwner =
  | { kind: 'package'; dir: string }
  | { kind: 'virtual'; packageName: string; why: string }
  | { kind: 'repo'; path: string }
  | { kind: 'unknown'; why: string };

/** Which package (or the repository) a bundler module id belongs to. */
export function ownerOfModule(id: string, root: string, allow: AllowList): ModuleOwner {
  const virtual = Object.entries(allow.virtualModules).find(([prefix]) => id.startsWith(prefix));
  if (virtual) return { kind: 'virtual', packageName: virtual[1].package, why: virtual[1].why };
  const file = id.replace(/[?#].*$/s, '');
  if (id.startsWith('\0') || !isAbsolute(file) || !existsSync(file)) {
    return {
      kind: 'unknown',
      why: `bundler module ${JSON.stringify(id)} is not a file and not a known virtual module (add its prefix to virtualModules in the allow-list, naming the package whose code it is)`,
    };
  }
  const parts = file.split(sep);
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0 && nm + 1 < parts.length) {
    const scoped = parts[nm + 1]!.startsWith('@');
    const nameParts = parts.slice(nm + 1, nm + (scoped ? 3 : 2));
    return { kind: 'package', dir: [...parts.slice(0, nm + 1), ...nameParts].join(sep) };
  }
  const rel = relative(root, file);
  if (rel.startsWith('..') || isAbsolute(rel))
    return { kind: 'unknown', why: `module ${file} is outside the repository and outside node_modules` };
  return { kind: 'repo', path: rel.split(sep).join('/') };
}

/** The package folder of `name` as seen from the repository root (hoisted node_modules). */
function packageDirByName(root: string, name: string): string | null {
  const dir = join(root, 'node_modules', ...name.split('/'));
  return existsSync(join(dir, 'package.json')) ? dir : null;
}

const LICENCE_FILE = /^(licen[cs]e|copying|unlicense|notice)([.-][\w.-]*)?$/i;

function readTexts(dir: string): LicenceText[] {
  return readdirSync(dir)
    .filter((f) => LICENCE_FILE.test(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((file) => ({ file, text: normaliseText(readFileSync(join(dir, file), 'utf8')) }));
}

export function normaliseText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/^\uFEFF/, '')
      .replace(/[ \t]+$/gm, '')
      .replace(/^\n+/, '')
      .trimEnd() + '\n'
  );
}

/** package.json `license`, or the deprecated `license: {type}` / `licenses: [{type}]` forms. */
function declaredLicence(pkg: Record<string, unknown>): string | null {
  const l = pkg['license'];
  if (typeof l === 'string' && l.trim()) return l.trim();
  if (l && typeof l === 'object' && typeof (l as { type?: unknown }).type === 'string') return (l as { type: string }).type;
  const ls = pkg['licenses'];
  if (Array.isArray(ls)) {
    const types = ls
      .map((x) => (x && typeof x === 'object' ? (x as { type?: unknown }).type : null))
      .filter((t): t is string => typeof t === 'string');
    if (types.length) return types.length === 1 ? types[0]! : `(${types.join(' OR ')})`;
  }
  return null;
}

function repositoryUrl(pkg: Record<string, unknown>): string | null {
  const r = pkg['repository'];
  const raw = typeof r === 'string' ? r : r && typeof r === 'object' ? (r as { url?: unknown }).url : null;
  if (typeof raw !== 'string') return null;
  const gh = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (gh) return `https://github.com/${gh[1]}`;
  return raw
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^ssh:\/\/git@/, 'https://')
    .replace(/\.git$/, '');
}

type SpdxNode = { license: string; plus?: boolean; exception?: string } | { left: SpdxNode; conjunction: 'and' | 'or'; right: SpdxNode };

/**
 * Whether an SPDX expression can be met with allowed licences only: OR needs one allowed side
 * (we take that one), AND needs both. `X WITH exception` must be allowed as that exact string.
 * Returns the licence ids we rely on, or null when it cannot be met.
 */
export function allowedUnder(expression: string, allowed: Record<string, unknown>): string[] | null {
  let ast: SpdxNode;
  try {
    ast = parseSpdx(expression) as SpdxNode;
  } catch {
    return null; // not SPDX ("SEE LICENSE IN …", "UNLICENSED", a typo): needs an explicit decision
  }
  const walk = (n: SpdxNode): string[] | null => {
    if ('license' in n) {
      const id = n.exception ? `${n.license} WITH ${n.exception}` : n.license;
      return n.plus ? null : Object.hasOwn(allowed, id) ? [id] : null;
    }
    const l = walk(n.left);
    const r = walk(n.right);
    if (n.conjunction === 'or') return l ?? r;
    return l && r ? [...l, ...r] : null;
  };
  return walk(ast);
}

interface Options {
  root: string;
  allow?: AllowList;
  allowListDir?: string;
  /** Packages whose code reaches the output without being a module (e.g. a plugin's generated loader). */
  extraPackages?: { name: string; why: string }[];
}

/** The report for one bundle: every third-party package with code in it, and every problem. */
export function collectLicences(moduleIds: Iterable<string>, opts: Options): LicenceReport {
  const allow = opts.allow ?? loadAllowList();
  const allowDir = opts.allowListDir ?? dirname(ALLOW_LIST_FILE);
  const problems: string[] = [];
  const dirs = new Map<string, Set<string>>(); // package dir → why (empty set: imported code)
  const data = new Map<string, LicenceReport['data'][number]>();
  const addDir = (dir: string, why?: string) => {
    const set = dirs.get(dir) ?? new Set<string>();
    if (why) set.add(why);
    dirs.set(dir, set);
  };
  const byName = (name: string, why: string) => {
    const dir = packageDirByName(opts.root, name);
    if (dir) addDir(dir, why);
    else problems.push(`package ${name} (${why}) is not installed in node_modules: cannot read its licence`);
  };

  for (const id of moduleIds) {
    const owner = ownerOfModule(id, opts.root, allow);
    if (owner.kind === 'package') addDir(owner.dir);
    else if (owner.kind === 'virtual') byName(owner.packageName, owner.why);
    else if (owner.kind === 'unknown') problems.push(owner.why);
    else {
      const notice = allow.bundledData[owner.path];
      if (notice) data.set(owner.path, { path: owner.path, ...notice });
    }
  }
  for (const extra of opts.extraPackages ?? []) byName(extra.name, extra.why);

  const packages = new Map<string, ShippedPackage>();
  for (const [dir, via] of dirs) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    const name = String(pkg['name'] ?? relative(opts.root, dir));
    const version = String(pkg['version'] ?? '?');
    const key = `${name}@${version}`;
    const override = allow.packages[name];
    const declared = declaredLicence(pkg);
    if (override?.license && declared && override.license !== declared) {
      problems.push(
        `${key}: package.json says licence ${JSON.stringify(declared)} but the allow-list entry was written for ${JSON.stringify(override.license)}: check and update scripts/licenses/allow-list.json`,
      );
    }
    const license = declared ?? override?.license ?? null;
    if (!license) {
      problems.push(`${key}: no licence declared in its package.json (and no entry under packages in the allow-list)`);
      continue;
    }
    const relied = allowedUnder(license, allow.licenses);
    if (!relied) {
      problems.push(`${key}: licence ${JSON.stringify(license)} is not on the allow-list (scripts/licenses/allow-list.json)`);
      continue;
    }
    let texts = readTexts(dir);
    if (override?.cutAt) {
      const marker = override.cutAt;
      if (!texts.some((t) => t.text.includes(marker))) {
        problems.push(
          `${key}: the allow-list cuts its licence text at ${JSON.stringify(marker)}, which is no longer in it: check the new text and update the allow-list`,
        );
      }
      texts = texts.map((t) =>
        t.text.includes(marker)
          ? { file: `${t.file} (up to "${marker}")`, text: normaliseText(t.text.slice(0, t.text.indexOf(marker))) }
          : t,
      );
    }
    if (override?.licenseFile) {
      texts = [
        {
          file: `${override.licenseFile} (kept in this repository)`,
          text: normaliseText(readFileSync(join(allowDir, override.licenseFile), 'utf8')),
        },
        ...texts,
      ];
    }
    if (!texts.some((t) => !/^notice/i.test(t.file))) {
      problems.push(
        `${key}: ships no licence text (LICENSE/LICENCE/COPYING); keep one in scripts/licenses/texts/ and name it under packages in the allow-list`,
      );
      continue;
    }
    if (packages.has(key)) {
      packages.get(key)!.via.push(...via);
      continue;
    }
    packages.set(key, {
      name,
      version,
      license,
      repository: repositoryUrl(pkg),
      texts,
      via: [...via].sort(),
      sourceOffer: relied.some((id) => allow.licenses[id]?.sourceOffer === true),
    });
  }
  const byKey = (a: { name: string; version: string }, b: { name: string; version: string }) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
  return {
    packages: [...packages.values()].sort(byKey),
    data: [...data.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
    problems: [...new Set(problems)].sort(),
  };
}

const RULE = '='.repeat(78);

/**
 * THIRD_PARTY_LICENSES.txt: a list, then each distinct licence text once with the packages it
 * covers. Only names, versions, URLs and texts: no paths, no dates, so two builds agree.
 */
export function renderLicenceFile(report: LicenceReport, title: string): string {
  const lines: string[] = [];
  lines.push(`Third-party software in ${title}`, '');
  lines.push(
    "Written by the build (scripts/licenses/) from the bundler's module graph: every package below has",
    'code in the shipped files. The licences this project accepts are in scripts/licenses/allow-list.json.',
    '',
  );
  lines.push('PACKAGES', '');
  for (const p of report.packages) {
    lines.push(`  ${p.name} ${p.version}  (${p.license})${p.repository ? `  ${p.repository}` : ''}`);
    for (const why of p.via) lines.push(`      included because ${why}`);
    if (p.sourceOffer) {
      lines.push(`      unmodified; its source is the npm package ${p.name}@${p.version}${p.repository ? ` and ${p.repository}` : ''}`);
    }
  }
  if (report.data.length) {
    lines.push('', 'DATA', '');
    for (const d of report.data) lines.push(`  ${d.path}: ${d.what}`, `      source: ${d.source}  (${d.license})`);
  }
  const groups = new Map<string, string[]>();
  for (const p of report.packages) {
    for (const t of p.texts) {
      const label = `${p.name} ${p.version}: ${t.file}`;
      groups.set(t.text, [...(groups.get(t.text) ?? []), label]);
    }
  }
  for (const [text, labels] of groups) {
    lines.push('', RULE, ...labels, RULE, '', text.trimEnd());
  }
  return lines.join('\n') + '\n';
}
