import { describe, expect, it } from 'vitest';
import { inlineRedoclyLogos, REDOCLY_CDN_LOGOS } from '../src/redocly-logo.js';
import { findExternalReferences } from '../src/external-references.js';

const [full, mini] = Object.keys(REDOCLY_CDN_LOGOS) as [string, string];
// The shape Redoc 3.0.1 has: the logo's src chosen at run time, in a template literal.
const redocLike = `<script type="module">const src = full ? \`${full}\` : \`${mini}\`;</script>`;

describe('inlineRedoclyLogos', () => {
  it('swaps both CDN logos for inline SVG data URLs', () => {
    const patched = inlineRedoclyLogos(redocLike);
    expect(patched).not.toContain('cdn.redoc.ly');
    for (const inline of Object.values(REDOCLY_CDN_LOGOS)) {
      expect(inline).toMatch(/^data:image\/svg\+xml,/);
      expect(patched).toContain(inline);
    }
    // Still a script that parses, with nothing to fetch.
    expect(findExternalReferences(patched)).toEqual([]);
  });

  it('keeps the attribution readable: the wordmark says Redocly', () => {
    expect(decodeURIComponent(REDOCLY_CDN_LOGOS[full]!)).toContain('>Redocly</text>');
  });

  it('fails loudly when Redoc no longer draws the logo from its CDN', () => {
    expect(() => inlineRedoclyLogos(`<script>const src = \`${mini}\`;</script>`)).toThrow(
      /no longer mentions https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini-full\.svg/,
    );
  });
});
