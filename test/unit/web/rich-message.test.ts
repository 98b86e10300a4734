import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { richTranslator } from '../../../app/src/lib/rich-message';
import { translator } from '../../../app/src/lib/translate';

describe('richTranslator', () => {
  it('puts an element where each language’s sentence has its placeholder', () => {
    const link = createElement('a', { href: '/users/ella' }, 'ella');
    expect(renderToStaticMarkup(richTranslator(translator('en'))('auth.signedInAs', { name: link }))).toBe('Signed in as <a href="/users/ella">ella</a>');
    expect(renderToStaticMarkup(richTranslator(translator('de'))('auth.signedInAs', { name: link }))).toBe('Angemeldet als <a href="/users/ella">ella</a>');
  });

  it('formats plain values as t does, beside the elements', () => {
    const count = createElement('span', { 'data-testid': 'like-count' }, 1200);
    expect(renderToStaticMarkup(richTranslator(translator('es'))('piece.likesLabel', { count }))).toBe('Me gusta: <span data-testid="like-count">1200</span>');
    expect(renderToStaticMarkup(richTranslator(translator('de'))('piece.plays', { count: 1200 }))).toBe(translator('de')('piece.plays', { count: 1200 }));
  });
});
