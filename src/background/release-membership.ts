/**
 * Does a file the page lists belong to the page's release? (issue #18.2)
 *
 * A release page is a claim by the page ("these are the files of 4.0.0"); the page is not an
 * authority. Every version we can read from PyPI's side of the file (its filename, parsed as an
 * sdist or wheel name, and the version in the Integrity API URL the index lists) must be the
 * page's version under PEP 440 equality. A file whose name is of an older format (.egg, .exe,
 * .tar.bz2, …) and has no provenance tells no version: it is not judged here.
 */
import { provenanceUrlVersion } from '../history/releases';
import { parseDistFilename } from '../verify/filename';
import { canonicalizeVersion } from '../verify/version';

export type Membership = { ok: true } | { ok: false; fileVersion: string; pageVersion: string };

export function releaseMembership(entry: { filename: string; provenanceUrl: string | null }, pageVersion: string): Membership {
  const page = canonicalizeVersion(pageVersion);
  const told = [parseDistFilename(entry.filename)?.version ?? null, provenanceUrlVersion(entry.provenanceUrl)];
  for (const v of told) {
    if (v === null) continue;
    // A page version that is not PEP 440 (pre-2014 releases) can only be compared as written.
    if (page === null ? v !== pageVersion.toLowerCase() : v !== page) return { ok: false, fileVersion: v, pageVersion };
  }
  return { ok: true };
}
