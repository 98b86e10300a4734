/** Values a message's placeholders take. */
export type MessageValues = Record<string, string | number>;

function closingBrace(message: string, open: number): number {
  let depth = 0;
  for (let index = open; index < message.length; index += 1) {
    if (message[index] === '{') depth += 1;
    else if (message[index] === '}' && --depth === 0) return index;
  }
  throw new Error(`unbalanced braces in message "${message}"`);
}

/** `one {# piece} other {# pieces}` as a map from selector to text. */
function pluralOptions(body: string): Map<string, string> {
  const options = new Map<string, string>();
  let index = 0;
  while (index < body.length) {
    const open = body.indexOf('{', index);
    if (open < 0) break;
    const close = closingBrace(body, open);
    options.set(body.slice(index, open).trim(), body.slice(open + 1, close));
    index = close + 1;
  }
  return options;
}

function formatArgument(argument: string, values: MessageValues, locale: string): string {
  const [name, type, ...rest] = argument.split(',');
  const value = values[name.trim()];
  if (type?.trim() !== 'plural') return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : String(value ?? '');
  const count = Number(value);
  const options = pluralOptions(rest.join(','));
  const chosen = options.get(`=${count}`) ?? options.get(new Intl.PluralRules(locale).select(count)) ?? options.get('other') ?? '';
  return formatMessage(chosen.replaceAll('#', new Intl.NumberFormat(locale).format(count)), values, locale);
}

/**
 * A message with `{name}` placeholders and ICU-style plurals, e.g.
 * `{count, plural, =0 {No comments} one {# comment} other {# comments}}` (`#` is the number, and
 * the plural categories are the language's own, from Intl.PluralRules).
 */
export function formatMessage(message: string, values: MessageValues | undefined, locale: string): string {
  if (!values || !message.includes('{')) return message;
  let formatted = '';
  let index = 0;
  while (index < message.length) {
    const open = message.indexOf('{', index);
    if (open < 0) {
      formatted += message.slice(index);
      break;
    }
    const close = closingBrace(message, open);
    formatted += message.slice(index, open) + formatArgument(message.slice(open + 1, close), values, locale);
    index = close + 1;
  }
  return formatted;
}
