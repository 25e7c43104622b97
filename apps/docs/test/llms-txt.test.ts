import { expect, it } from 'vitest';
import { llmsTxt } from '../src/llms-txt.js';

it('writes the H1, the summary blockquote, the paragraph and the link sections, Optional last', () => {
  const text = llmsTxt({
    title: 'API',
    summary: 'Does things\nwell.',
    opening: 'It does things.',
    version: '2.0.0',
    guide: [{ title: 'Install', path: 'guide/install.md', note: 'How.' }],
    groups: [{ heading: 'Commands', entries: [{ title: 'Hang up', path: 'operations/hangup.md', note: '`POST /x`' }] }],
    companion: { heading: 'Mock', entries: [{ title: 'Mock', path: 'mock.html.md', note: '' }] },
    mirrors: ['index.html.md'],
    downloads: [{ title: 'openapi.json', path: 'openapi.json', note: 'the contract' }],
  });
  expect(text).toBe(
    [
      '# API',
      '> Does things well.',
      'It does things.',
      'This is version 2.0.0 of the contract. Each link below is a Markdown page generated from the OpenAPI document; [llms-full.txt](llms-full.txt) holds them all in one file.',
      '## Guide\n\n- [Install](guide/install.md): How.',
      '## Commands\n\n- [Hang up](operations/hangup.md): `POST /x`',
      '## Mock\n\n- [Mock](mock.html.md)',
      '## Optional\n\n- [llms-full.txt](llms-full.txt): every page listed here, in one Markdown file\n- [index.html.md](index.html.md): index.html as Markdown\n- [openapi.json](openapi.json): the contract',
    ]
      .map((block) => `${block}\n\n`)
      .join('')
      .replace(/\n$/, ''),
  );
});
