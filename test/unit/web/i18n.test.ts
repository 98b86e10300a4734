import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../../app/src/lib/dictionary';
import { formatMessage } from '../../../app/src/lib/format-message';
import { LOCALES, negotiateLocale } from '../../../app/src/lib/locale';

describe('formatMessage', () => {
  it('fills placeholders and numbers in the language’s own format', () => {
    expect(formatMessage('{time} of {length}', { time: '0:05', length: '2:00' }, 'en')).toBe('0:05 of 2:00');
    expect(formatMessage('{count} s', { count: 1234.5 }, 'de')).toBe('1.234,5 s');
  });

  it('chooses plural forms by the language’s rules, exact matches first', () => {
    const message = '{count, plural, =0 {No comments yet} one {# comment} other {# comments}}';
    expect([0, 1, 2, 1000].map((count) => formatMessage(message, { count }, 'en'))).toEqual(['No comments yet', '1 comment', '2 comments', '1,000 comments']);
    expect(formatMessage(DICTIONARIES.es['explore.stopCount'], { count: 1 }, 'es')).toBe('1 escala');
    expect(formatMessage(DICTIONARIES.de['meta.profile'], { name: 'ella', count: 3, followers: 1 }, 'de')).toBe('ella auf Aero Melody: 3 Stücke, 1 Follower.');
  });

  it('leaves a message without values as it is', () => {
    expect(formatMessage('Plain {text}', undefined, 'en')).toBe('Plain {text}');
  });
});

describe('negotiateLocale', () => {
  it('prefers the remembered choice, then Accept-Language by q-value, then English', () => {
    expect(negotiateLocale('es', 'de-DE,de;q=0.9')).toBe('es');
    expect(negotiateLocale(undefined, 'fr-FR,fr;q=0.9,es;q=0.8,de;q=0.7')).toBe('es');
    expect(negotiateLocale(undefined, 'en;q=0.5, de-AT')).toBe('de');
    expect(negotiateLocale('xx', 'ja, zh;q=0.8')).toBe('en');
    expect(negotiateLocale(undefined, null)).toBe('en');
  });
});

describe('dictionaries', () => {
  /** The names of a message's top-level arguments (a plural's branches are text, not names). */
  const placeholders = (message: string) => {
    const names: string[] = [];
    let depth = 0;
    for (let index = 0; index < message.length; index += 1) {
      const char = message[index];
      if (char === '{' && depth++ === 0) names.push(/^\{(\w+)/.exec(message.slice(index))![1]);
      else if (char === '}') depth -= 1;
    }
    return names.sort();
  };

  it('every language has every message, with the same placeholders', () => {
    const english = DICTIONARIES.en;
    for (const locale of Object.keys(LOCALES) as (keyof typeof LOCALES)[]) {
      const messages = DICTIONARIES[locale];
      expect(Object.keys(messages).sort(), locale).toEqual(Object.keys(english).sort());
      for (const [key, message] of Object.entries(english)) {
        expect(placeholders(messages[key as keyof typeof english]), `${locale} ${key}`).toEqual(placeholders(message));
      }
    }
  });
});
