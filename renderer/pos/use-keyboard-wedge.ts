import { useEffect, useRef } from 'react';

/** A scanner types a whole code in a few ms; a person pauses longer than this between keys. */
export const WEDGE_IDLE_MS = 80;

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'number', 'password', 'email', 'tel', 'url']);

export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

interface WedgeHandlers {
  /** A burst of keys ended by Enter: what a keyboard-wedge scanner produces. */
  onScan: (code: string) => void;
  /** Keys typed outside any text field, then a pause: a person typing, so it goes to the scan field. */
  onText: (text: string) => void;
}

/**
 * Catches what is typed while focus is not in a text field (a button, the page itself) and routes it to the
 * scan field, so the scanner works wherever the cashier last clicked. Typing inside another text field (the
 * quantity of a line, the tendered amount) is left alone.
 */
export function useKeyboardWedge(enabled: boolean, handlers: WedgeHandlers): void {
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => {
    if (!enabled) return;
    let buffer = '';
    let timer: number | undefined;

    const flushAsText = () => {
      timer = undefined;
      const text = buffer;
      buffer = '';
      if (text !== '') handlersRef.current.onText(text);
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      if (isTextEntry(event.target)) return;
      if (event.key === 'Enter') {
        if (buffer === '') return;
        event.preventDefault();
        window.clearTimeout(timer);
        timer = undefined;
        const code = buffer;
        buffer = '';
        handlersRef.current.onScan(code);
        return;
      }
      // A space on a focused button still presses it; inside a burst it is part of the code.
      if (event.key.length !== 1 || (event.key === ' ' && buffer === '')) return;
      event.preventDefault();
      buffer += event.key;
      window.clearTimeout(timer);
      timer = window.setTimeout(flushAsText, WEDGE_IDLE_MS);
    };

    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.clearTimeout(timer);
    };
  }, [enabled]);
}
