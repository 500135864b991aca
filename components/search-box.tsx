"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

type Suggestion = { url: string; title: string; category: string; date: string };

const DEBOUNCE_MS = 200;
const SUGGESTIONS = 8;

/**
 * The site-wide search: a plain GET form to /search (all it is without
 * JavaScript), enhanced into a combobox that suggests articles as the reader
 * types. "/" focuses it; arrows move, Enter opens, Escape closes.
 */
export function SearchBox() {
  const router = useRouter();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [total, setTotal] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const focusOnSlash = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      event.preventDefault();
      input.current?.focus();
    };
    document.addEventListener("keydown", focusOnSlash);
    return () => document.removeEventListener("keydown", focusOnSlash);
  }, []);

  useEffect(() => {
    const words = query.trim();
    if (!words) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/search?${new URLSearchParams({ q: words, limit: String(SUGGESTIONS) })}`, { signal: controller.signal })
        .then((response) => (response.ok ? response.json() : undefined))
        .then((body: { total: number; results: Suggestion[] } | undefined) => {
          if (!body) return;
          setSuggestions(body.results);
          setTotal(body.total);
          setActive(-1);
          setOpen(true);
        })
        .catch(() => {});
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (suggestions.length === 0) return;
      event.preventDefault();
      setOpen(true);
      // Positions run from -1 (the input itself) to the last option, and wrap.
      const step = event.key === "ArrowDown" ? 1 : -1;
      const positions = suggestions.length + 1;
      setActive((current) => ((current + 1 + step + positions) % positions) - 1);
    } else if (event.key === "Enter" && open && suggestions[active]) {
      event.preventDefault();
      close();
      router.push(suggestions[active].url);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  };

  const listId = `${id}-list`;
  const searching = open && query.trim() !== "";
  // The list is shown, and the combobox expanded, only with options in it; "no matches" is announced.
  const expanded = searching && suggestions.length > 0;
  return (
    <form className="site-search" role="search" action="/search" method="get">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search articles
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        name="q"
        // Not type="search": HTML allows neither role="combobox" nor aria-expanded on a search field, so
        // it is a text field that keeps a search keyboard and Enter key on touch screens.
        type="text"
        inputMode="search"
        enterKeyHint="search"
        placeholder="Search articles"
        autoComplete="off"
        maxLength={200}
        role="combobox"
        aria-autocomplete="list"
        aria-controls={listId}
        aria-expanded={expanded}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          if (!event.target.value.trim()) close();
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      <button type="submit">Search</button>
      <ul id={listId} role="listbox" aria-label="Matching articles" className="suggestions" hidden={!expanded}>
        {suggestions.map((suggestion, index) => (
          <li
            key={suggestion.url}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            // mousedown fires before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              close();
              router.push(suggestion.url);
            }}
          >
            <span className="suggestion-title">{suggestion.title}</span>
            <span className="suggestion-meta">
              {suggestion.category} · {suggestion.date}
            </span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" aria-live="polite" role="status">
        {searching ? (total === 0 ? "No matching articles" : `${total} matching article${total === 1 ? "" : "s"}${total > suggestions.length ? `, ${suggestions.length} shown` : ""}`) : ""}
      </p>
    </form>
  );
}
