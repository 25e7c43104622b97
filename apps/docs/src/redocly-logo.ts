// Redoc 3 draws the "API docs by Redocly" logo at the foot of the sidebar from Redocly's CDN: an
// <img> it adds after the page mounts, which no option turns off (checked against Redoc 3.0.1).
// The page must fetch nothing from the internet, so the built page gets the two logos inline, as
// a plain wordmark that keeps the attribution.

const wordmark = (text: string, width: number) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="13" font-family="system-ui, sans-serif" font-size="13" font-weight="600" fill="#0044D4">${text}</text></svg>`,
  )}`;

export const REDOCLY_CDN_LOGOS: Record<string, string> = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': wordmark('Redocly', 56),
  'https://cdn.redoc.ly/redoc/logo-mini.svg': wordmark('R', 10),
};

/**
 * Replaces Redoc's CDN logo URLs in a built page by inline SVGs. Throws when one is missing: then
 * Redoc has changed how it draws the logo, and this patch needs a fresh look (the browser test
 * says whether the new version fetches anything).
 */
export function inlineRedoclyLogos(html: string): string {
  let patched = html;
  for (const [cdnUrl, inline] of Object.entries(REDOCLY_CDN_LOGOS)) {
    if (!patched.includes(cdnUrl)) {
      throw new Error(
        `the built page no longer mentions ${cdnUrl}: Redoc changed its logo; review src/redocly-logo.ts`,
      );
    }
    patched = patched.replaceAll(cdnUrl, inline);
  }
  return patched;
}
