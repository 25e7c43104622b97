// Finds what a page would fetch from another origin as it loads: the HTML's resource attributes
// (script src, link href, img src/srcset, …), the CSS in <style> and style="" (url(), @import —
// which is how fonts come in), and the static import specifiers of inline module scripts (how a
// page built without --inlineBundle pulls Redoc from a CDN). Links a reader may click (<a href>)
// and URLs that are only text (the spec's prose, inside a script's string) are not loads, so a
// parser tells them apart rather than a search for "https://".
import { parse as parseJavaScript } from 'acorn';
import { simple as walkJavaScript } from 'acorn-walk';
import { parse as parseCss, walk as walkCss } from 'css-tree';
import { parse as parseHtml, type DefaultTreeAdapterTypes as Html } from 'parse5';

export interface ExternalReference {
  /** Where in the page it is, e.g. `<script src>`, `<style> url()`, `<script type=module> import`. */
  where: string;
  url: string;
}

/** Attributes that make the browser fetch as the page loads, by element. */
const LOADING_ATTRIBUTES: Record<string, readonly string[]> = {
  script: ['src'],
  link: ['href', 'imagesrcset'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src'],
  frame: ['src'],
  embed: ['src'],
  object: ['data'],
  input: ['src'],
  body: ['background'],
  image: ['href'],
  use: ['href'],
  feimage: ['href'],
};

const SRCSET = new Set(['srcset', 'imagesrcset']);
const JAVASCRIPT_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);
const LOCAL_BASE = 'http://page.invalid/';

/** True when loading `url` from a page would reach another host: absolute or scheme-relative. */
export function isExternalUrl(url: string): boolean {
  let resolved: URL;
  try {
    resolved = new URL(url.trim(), LOCAL_BASE);
  } catch {
    return false; // not a URL a browser would fetch
  }
  // data:, blob:, about:, javascript: stay in the page.
  return (
    ['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(resolved.protocol) &&
    resolved.origin !== new URL(LOCAL_BASE).origin
  );
}

export function findExternalReferences(html: string): ExternalReference[] {
  const found: ExternalReference[] = [];
  const add = (where: string, url: string) => {
    if (isExternalUrl(url)) found.push({ where, url });
  };
  visit(parseHtml(html), (element) => {
    const tag = element.tagName.toLowerCase();
    for (const { name, value } of element.attrs) {
      if (LOADING_ATTRIBUTES[tag]?.includes(name)) {
        const urls = SRCSET.has(name) ? srcsetUrls(value) : [value];
        for (const url of urls) add(`<${tag} ${name}>`, url);
      } else if (name === 'style') {
        for (const url of cssUrls(value, 'declarationList')) add(`<${tag} style> ${url.kind}`, url.url);
      }
    }
    if (tag === 'meta' && attribute(element, 'http-equiv')?.toLowerCase() === 'refresh') {
      const url = /url\s*=\s*['"]?([^'"]+)/i.exec(attribute(element, 'content') ?? '')?.[1];
      if (url !== undefined) add('<meta http-equiv=refresh>', url);
    }
    if (tag === 'style') {
      for (const url of cssUrls(textOf(element), 'stylesheet')) add(`<style> ${url.kind}`, url.url);
    }
    if (tag === 'script' && attribute(element, 'src') === undefined) {
      const type = (attribute(element, 'type') ?? '').toLowerCase();
      if (JAVASCRIPT_TYPES.has(type)) {
        for (const url of importSpecifiers(textOf(element), type === 'module'))
          add(`<script${type ? ` type=${type}` : ''}> import`, url);
      }
    }
  });
  return found;
}

function visit(node: Html.Node, onElement: (element: Html.Element) => void): void {
  if ('tagName' in node) onElement(node);
  if ('content' in node && node.content !== undefined) visit(node.content, onElement); // <template>
  if ('childNodes' in node) for (const child of node.childNodes) visit(child, onElement);
}

function attribute(element: Html.Element, name: string): string | undefined {
  return element.attrs.find((candidate) => candidate.name === name)?.value;
}

function textOf(element: Html.Element): string {
  return element.childNodes
    .map((child) => ('value' in child && child.nodeName === '#text' ? child.value : ''))
    .join('');
}

function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter((url) => url !== '');
}

function cssUrls(css: string, context: 'stylesheet' | 'declarationList'): Array<{ kind: string; url: string }> {
  const urls: Array<{ kind: string; url: string }> = [];
  // Tolerant, like a browser: a rule it cannot read is skipped, the rest still counts.
  const ast = parseCss(css, { context, onParseError: () => {} });
  walkCss(ast, (node) => {
    if (node.type === 'Url') urls.push({ kind: 'url()', url: node.value });
    if (node.type === 'Atrule' && node.name.toLowerCase() === 'import' && node.prelude?.type === 'AtrulePrelude') {
      const first = node.prelude.children.first;
      if (first?.type === 'String') urls.push({ kind: '@import', url: first.value });
    }
  });
  return urls;
}

/** The literal specifiers of `import … from`, `export … from` and `import('…')`. */
function importSpecifiers(code: string, isModule: boolean): string[] {
  const specifiers: string[] = [];
  const ast = parseJavaScript(code, { ecmaVersion: 'latest', sourceType: isModule ? 'module' : 'script' });
  const fromSource = (node: { source?: { value?: unknown } | null }) => {
    if (typeof node.source?.value === 'string') specifiers.push(node.source.value);
  };
  walkJavaScript(ast, {
    ImportDeclaration: fromSource,
    ExportAllDeclaration: fromSource,
    ExportNamedDeclaration: fromSource,
    ImportExpression(node) {
      if (node.source.type === 'Literal' && typeof node.source.value === 'string') specifiers.push(node.source.value);
      if (node.source.type === 'TemplateLiteral' && node.source.expressions.length === 0) {
        specifiers.push(node.source.quasis.map((quasi) => quasi.value.cooked ?? '').join(''));
      }
    },
  });
  return specifiers;
}
