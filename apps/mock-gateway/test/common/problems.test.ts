import { describe, expect, it } from 'vitest';
import { createProblems, MOCK_PROBLEMS, type MockProblemSlug, PROBLEM_SLUGS } from '../../src/common/problems.js';
import { loadSpecModel } from '../../src/common/spec-model.js';
import { expectValid } from '../support/spec.js';

const model = loadSpecModel();
const problems = createProblems(model);

describe('createProblems', () => {
  it.each(PROBLEM_SLUGS.map((slug) => [slug]))('%s: type, title and status exactly as the spec example', (slug) => {
    const result = problems.of(slug, {
      detail: 'd',
      instance: '/x',
      errors: [{ pointer: '/a', detail: 'must be string' }],
      headers: { 'retry-after': '1' },
      note: 'why',
    });
    const body = JSON.parse(result.body!);
    expect(body).toEqual({
      ...model.problems.get(slug),
      detail: 'd',
      instance: '/x',
      errors: [{ pointer: '/a', detail: 'must be string' }],
    });
    expectValid('Problem', body);
    expect(result).toMatchObject({
      status: body.status,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
      note: 'why',
    });
  });

  it.each(Object.entries(MOCK_PROBLEMS))(
    'the mock’s own %s: the spec’s problem base, the catalogue’s status and title',
    (slug, { status, title }) => {
      const result = problems.of(slug as MockProblemSlug, { detail: 'd', instance: '/__mock/x' });
      const body = JSON.parse(result.body!);
      expect(body).toEqual({
        type: `${model.problemTypeBase}${slug}`,
        title,
        status,
        detail: 'd',
        instance: '/__mock/x',
      });
      expectValid('Problem', body);
      expect(result.status).toBe(status);
    },
  );

  it('the catalogue names no problem the spec defines', () => {
    expect(Object.keys(MOCK_PROBLEMS).filter((slug) => model.problems.has(slug))).toEqual([]);
  });

  it('a problem outside the API is about:blank titled with the status phrase, without instance when there is none', () => {
    const result = problems.status(405, { detail: 'Use POST.' });
    expect(JSON.parse(result.body!)).toEqual({
      type: 'about:blank',
      title: 'Method Not Allowed',
      status: 405,
      detail: 'Use POST.',
    });
    expect(result.note).toBeUndefined();
  });

  it('quotes a problem as another names it (Prism’s, for a Prefer it cannot meet)', () => {
    const type = {
      type: 'https://stoplight.io/prism/errors#NOT_FOUND',
      title: 'The server cannot find the requested content',
      status: 404,
    };
    expect(JSON.parse(problems.quoted(type, { detail: 'd' }).body!)).toEqual({ ...type, detail: 'd' });
  });

  it('refuses a spec that lacks the example of a problem the mock answers with', () => {
    const lacking = { ...model, problems: new Map([...model.problems].filter(([slug]) => slug !== 'rate-limited')) };
    expect(() => createProblems(lacking)).toThrow('the spec has no example for the rate-limited problem');
  });
});
