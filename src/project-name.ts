/** PEP 503 normalisation (its own module: the content script needs it without the settings code). */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
