/**
 * The page's download links that are not PyPI's download URL for their file (#17.5), as the worker
 * recorded them: which file, the host it points to and both URLs, all as text (never as links:
 * the page's URL is the page's, and the popup must not be a way to follow it).
 */
import { P } from '../ui/wording';
import { clipUrl, hostOf, type TabLink } from './tab-status';

export function LinkList({ links }: { links: TabLink[] }) {
  return (
    <section class="links" aria-labelledby="links-heading">
      <h2 id="links-heading">{P.linksHeading}</h2>
      <p class="links-intro">{P.linksIntro}</p>
      <ul>
        {links.map((l) => (
          <li key={`${l.filename}\n${l.href}`} data-filename={l.filename} data-host={hostOf(l.href) ?? ''}>
            <span>
              <span class="link-for">{P.linkFor(l.filename)}</span> <span class="link-host">{P.linkHost(hostOf(l.href) ?? '?')}</span>
            </span>
            <span class="link-url">
              {P.linkUrl} <span class="mono">{clipUrl(l.href)}</span>
            </span>
            <span class="link-url">
              {P.linkIndexUrl} <span class="mono">{clipUrl(l.indexUrl)}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
