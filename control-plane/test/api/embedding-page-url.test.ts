// Where checkout brings back a viewer who bought in the iframe embed: the framing page named by the Referer, only when
// it is on one of the tenant's allowed embed origins.
import { expect, it } from 'vitest';
import { embeddingPageUrl } from '../../src/api/embedding-page-url.js';

const ALLOWED = ['https://films.acme.example', 'http://localhost:3000'];

it('takes the framing page on an allowed origin, without a checkout marker or a fragment', () => {
  expect(embeddingPageUrl('https://films.acme.example/watch/42?list=new&ott-checkout=v1#top', ALLOWED)).toBe('https://films.acme.example/watch/42?list=new');
  expect(embeddingPageUrl('http://localhost:3000/', ALLOWED)).toBe('http://localhost:3000/');
});

it('refuses a page elsewhere, a look-alike host, a non-web address and no Referer at all', () => {
  expect(embeddingPageUrl('https://evil.example/films.acme.example', ALLOWED)).toBeUndefined();
  expect(embeddingPageUrl('https://films.acme.example.evil.example/', ALLOWED)).toBeUndefined();
  expect(embeddingPageUrl('http://films.acme.example/', ALLOWED)).toBeUndefined();
  expect(embeddingPageUrl('javascript:alert(1)', ALLOWED)).toBeUndefined();
  expect(embeddingPageUrl(undefined, ALLOWED)).toBeUndefined();
  expect(embeddingPageUrl('https://films.acme.example/', [])).toBeUndefined();
});
