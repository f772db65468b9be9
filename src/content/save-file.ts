/** Save text as a download: Blob URL + a temporary <a download> built with DOM APIs (no HTML strings). */
export function saveTextAsFile(doc: Document, suggestedName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = suggestedName.replace(/[^A-Za-z0-9._+-]/g, '_').slice(0, 200) || 'provenance.json';
  a.rel = 'noopener';
  a.hidden = true;
  (doc.body ?? doc.documentElement).append(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}
