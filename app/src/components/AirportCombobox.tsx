'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@/gql';
import { useI18n } from '@/lib/i18n';

const SearchAirportsForPicker = graphql(`
  query SearchAirportsForPicker($query: String!, $first: Int) {
    searchAirports(query: $query, first: $first) {
      id
      iata
      icao
      name
      city
      country
      latitude
      longitude
    }
  }
`);

export interface PickedAirport {
  code: string;
  name: string;
  city: string | null;
  latitude: number;
  longitude: number;
}

/**
 * An airport autocomplete following the ARIA 1.2 combobox pattern: a labelled input with a listbox
 * popup, arrow keys move the active option, Enter picks it, Escape closes.
 */
export function AirportCombobox({ label, value, onChange, id }: { label: string; value: PickedAirport | null; onChange(airport: PickedAirport | null): void; id?: string }) {
  const { t } = useI18n();
  const generated = useId();
  const inputId = id ?? `airport-${generated}`;
  const listId = `${inputId}-options`;
  const hintId = `${inputId}-hint`;
  const [text, setText] = useState(value ? `${value.code} — ${value.name}` : '');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const blurTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const handle = setTimeout(() => setQuery(text.trim()), 150);
    return () => clearTimeout(handle);
  }, [text]);

  const [{ data, fetching }] = useQuery({ query: SearchAirportsForPicker, variables: { query, first: 8 }, pause: query.length < 2 || !open, requestPolicy: 'cache-first' });
  const options = query.length >= 2 ? (data?.searchAirports ?? []) : [];

  const choose = (index: number) => {
    const option = options[index];
    if (!option) return;
    const code = option.iata ?? option.icao ?? '';
    onChange({ code, name: option.name, city: option.city, latitude: option.latitude, longitude: option.longitude });
    setText(`${code} — ${option.name}`);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((current) => (options.length ? (current + 1) % options.length : 0));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((current) => (options.length ? (current - 1 + options.length) % options.length : 0));
    } else if (event.key === 'Enter') {
      if (open && options.length) {
        event.preventDefault();
        choose(active);
      }
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  const expanded = open && query.length >= 2;
  return (
    <div className="combobox">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-describedby={hintId}
        aria-activedescendant={expanded && options[active] ? `${listId}-${active}` : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
          if (value) onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          blurTimer.current = setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={onKeyDown}
      />
      <span id={hintId} className="visually-hidden">
        {t('compose.searchHint')}
      </span>
      <ul id={listId} role="listbox" aria-label={label} className="combobox-options" hidden={!expanded}>
        {expanded && fetching && options.length === 0 ? <li className="muted">{t('common.loading')}</li> : null}
        {expanded && !fetching && options.length === 0 ? <li className="muted">{t('compose.noResults')}</li> : null}
        {options.map((option, index) => (
          <li
            key={option.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              if (blurTimer.current) clearTimeout(blurTimer.current);
              choose(index);
            }}
          >
            <strong>{option.iata ?? option.icao}</strong> {option.name}
            <span className="muted"> · {[option.city, option.country].filter(Boolean).join(', ')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
