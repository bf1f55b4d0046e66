// Where checkout brings back a viewer who bought in the iframe embed: the framing page named by the Referer, only when
// it is on one of the tenant's allowed embed origins, and whether its address says the viewer just paid.
import { expect, it } from 'vitest';
import { embeddingPage } from '../../src/api/embedding-page-url.js';

const ALLOWED = ['https://films.acme.example', 'http://localhost:3000'];

it('takes the framing page on an allowed origin, without the checkout marker (kept apart) or a fragment', () => {
  expect(embeddingPage('https://films.acme.example/watch/42?list=new&ott-checkout=V1#top', ALLOWED)).toEqual({ url: 'https://films.acme.example/watch/42?list=new', checkoutReturnOf: 'v1' });
  expect(embeddingPage('http://localhost:3000/', ALLOWED)).toEqual({ url: 'http://localhost:3000/', checkoutReturnOf: undefined });
});

it('refuses a page elsewhere, a look-alike host, a non-web address and no Referer at all', () => {
  expect(embeddingPage('https://evil.example/films.acme.example', ALLOWED)).toBeUndefined();
  expect(embeddingPage('https://films.acme.example.evil.example/', ALLOWED)).toBeUndefined();
  expect(embeddingPage('http://films.acme.example/', ALLOWED)).toBeUndefined();
  expect(embeddingPage('javascript:alert(1)', ALLOWED)).toBeUndefined();
  expect(embeddingPage(undefined, ALLOWED)).toBeUndefined();
  expect(embeddingPage('https://films.acme.example/', [])).toBeUndefined();
});
