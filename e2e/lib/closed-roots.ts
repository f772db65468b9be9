/**
 * Let axe (a page script) into our CLOSED shadow roots: each is resolved through DevTools
 * (`DOM.resolveNode` pierces closed roots) and its host gets a `shadowRoot` getter in the page's
 * main world. Nothing is re-rendered or copied: axe walks the markup the content script rendered.
 */
import type { Page } from '@playwright/test';

interface CdpNode {
  backendNodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
  contentDocument?: CdpNode;
}

/** Give every host of a CLOSED shadow root of ours a `shadowRoot` getter (main world), so axe can walk in. Returns how many. */
export async function exposeClosedRoots(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const closed: number[] = [];
    const walk = (n: CdpNode) => {
      const attrs = n.attributes ?? [];
      const ours = attrs.some((a, i) => i % 2 === 0 && a.startsWith('data-provenance-'));
      for (const sr of n.shadowRoots ?? []) {
        if (ours && sr.shadowRootType === 'closed') closed.push(sr.backendNodeId);
        walk(sr);
      }
      for (const c of n.children ?? []) walk(c);
    };
    walk(root);
    for (const backendNodeId of closed) {
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId })) as { object: { objectId: string } };
      await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration:
          'function () { const root = this; Object.defineProperty(root.host, "shadowRoot", { configurable: true, get: () => root }); }',
      });
    }
    return closed.length;
  } finally {
    await cdp.detach().catch(() => {});
  }
}
