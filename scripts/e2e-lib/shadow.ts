/**
 * Look inside CLOSED shadow roots through the DevTools protocol. Page scripts and Playwright
 * locators cannot see into a closed shadow root; `DOM.describeNode({depth: -1, pierce: true})`
 * can. Used to read the panel's wording, its links and the certificate view, and to click a
 * control inside the panel.
 */
import type { CDPSession, Page } from 'playwright-core';

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

export interface ShadowLink {
  href: string;
  text: string;
}

export interface ShadowElement {
  backendNodeId: number;
  tag: string;
  attributes: Record<string, string>;
  text: string;
  /** Index (in `elements`) of the nearest element ancestor under the host, or -1. */
  parent: number;
}

export interface ShadowContent {
  /** Text of every text node under the host, shadow roots included (style/script excluded), whitespace collapsed. */
  text: string;
  links: ShadowLink[];
  /** Every element under the host (shadow roots included), in document order. */
  elements: ShadowElement[];
}

const sessions = new WeakMap<Page, CDPSession>();
async function cdpFor(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = await page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

function attrs(n: CdpNode): Record<string, string> {
  const out: Record<string, string> = {};
  const a = n.attributes ?? [];
  for (let i = 0; i + 1 < a.length; i += 2) out[a[i]!] = a[i + 1]!;
  return out;
}

function kids(n: CdpNode): CdpNode[] {
  return [...(n.shadowRoots ?? []), ...(n.children ?? []), ...(n.contentDocument ? [n.contentDocument] : [])];
}

function textOf(n: CdpNode): string {
  if (n.nodeType === 3) return n.nodeValue;
  if (n.nodeName === 'STYLE' || n.nodeName === 'SCRIPT' || n.nodeName === 'TEMPLATE') return '';
  const parts = kids(n).map(textOf);
  // Block-ish separation so words from adjacent elements don't glue together.
  return n.nodeType === 1 ? ' ' + parts.join('') + ' ' : parts.join('');
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function collect(n: CdpNode, out: ShadowContent, parent: number): void {
  let self = parent;
  if (n.nodeType === 1) {
    const a = attrs(n);
    const tag = n.nodeName.toLowerCase();
    self = out.elements.length;
    out.elements.push({ backendNodeId: n.backendNodeId, tag, attributes: a, text: collapse(textOf(n)), parent });
    if (tag === 'a' && a.href !== undefined) out.links.push({ href: a.href, text: collapse(textOf(n)) });
  }
  for (const k of kids(n)) collect(k, out, self);
}

/**
 * Read everything under the first element matching `hostSelector` (a light-DOM selector),
 * piercing closed shadow roots. Returns null if no element matches.
 */
export async function readShadow(page: Page, hostSelector: string): Promise<ShadowContent | null> {
  const cdp = await cdpFor(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: CdpNode };
  const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: hostSelector })) as { nodeId: number };
  if (!nodeId) return null;
  const { node } = (await cdp.send('DOM.describeNode', { nodeId, depth: -1, pierce: true })) as { node: CdpNode };
  const out: ShadowContent = { text: collapse(textOf(node)), links: [], elements: [] };
  collect(node, out, -1);
  return out;
}

/**
 * Click the first element under `hostSelector` (shadow roots included) for which `pick` is true,
 * with a real mouse click at its centre (scrolling it into view first).
 */
export async function clickInShadow(page: Page, hostSelector: string, pick: (el: ShadowElement) => boolean): Promise<ShadowElement> {
  const content = await readShadow(page, hostSelector);
  if (!content) throw new Error(`no element matches ${hostSelector}`);
  const target = content.elements.find(pick);
  if (!target) {
    const seen = content.elements
      .filter((e) => ['button', 'a', 'summary', 'details'].includes(e.tag))
      .map((e) => `<${e.tag}> ${e.text.slice(0, 40)}`);
    throw new Error(`no element under ${hostSelector} matched; controls seen: ${seen.join(' | ') || 'none'}`);
  }
  const cdp = await cdpFor(page);
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: target.backendNodeId }).catch(() => {});
  const { quads } = (await cdp.send('DOM.getContentQuads', { backendNodeId: target.backendNodeId })) as { quads: number[][] };
  const q = quads[0];
  if (!q) throw new Error(`element <${target.tag}> "${target.text.slice(0, 40)}" is not rendered`);
  const x = (q[0]! + q[2]! + q[4]! + q[6]!) / 4;
  const y = (q[1]! + q[3]! + q[5]! + q[7]!) / 4;
  await page.mouse.click(x, y);
  return target;
}

/** A button/link/summary whose text contains `text` (case-insensitive). */
export const control = (text: string) => (el: ShadowElement) =>
  ['button', 'a', 'summary'].includes(el.tag) && el.text.toLowerCase().includes(text.toLowerCase());
