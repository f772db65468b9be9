/** A link only if `href` passed safeHref; otherwise the same text, not clickable. */
import type { ComponentChildren } from 'preact';
import { safeHref } from './links';

export function SafeLink({ href, children, class: cls }: { href: string | null | undefined; children: ComponentChildren; class?: string }) {
  const safe = safeHref(href);
  if (!safe) return <span class={cls}>{children}</span>;
  return (
    <a class={cls} href={safe} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}
