/** A link to PyPI's own details of the file (its "Provenance" section), and how that differs from this panel. */
import type { FileView } from './types';
import { fileDetailsUrl } from './links';
import { SafeLink } from './SafeLink';
import { W } from './wording';

export function PypiView({ file }: { file: Pick<FileView, 'index' | 'project' | 'version' | 'filename'> }) {
  const href = fileDetailsUrl(file.index, file.project, file.version, file.filename);
  if (!href) return null;
  return (
    <p class="pypi-view small" data-section="pypi-view">
      <SafeLink href={href} class="pypi-view__link">
        {W.pypiViewLink}
      </SafeLink>
      : {W.pypiViewNote}
    </p>
  );
}
