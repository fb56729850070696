/**
 * Shared styles. Tokens are set on `<palabre-thread>` and inherit into the sub-elements; the other
 * sheets are shared `CSSStyleSheet`s adopted by every shadow root, so they cost nothing per comment.
 */
import { css } from 'lit'

/**
 * `--palabre-*` defaults for the host of the whole discussion. `light-dark()` follows the
 * `color-scheme`: the reader's preference, or the `theme` attribute.
 */
export const tokens = css`
  :host {
    color-scheme: light dark;
    --palabre-text: light-dark(#1d1d1f, #e6e7ea);
    --palabre-muted: light-dark(#5b5e63, #a9adb4);
    --palabre-bg: light-dark(#fff, #17191d);
    --palabre-surface: light-dark(#f4f5f7, #23262b);
    --palabre-border: light-dark(#c9ccd1, #4a4f57);
    --palabre-accent: light-dark(#0b57d0, #8ab4f8);
    --palabre-on-accent: light-dark(#fff, #0b1d3a);
    --palabre-danger: light-dark(#b3261e, #f2b8b5);
    --palabre-mark: light-dark(#ffe08a, #6b5200);
    --palabre-radius: 0.5rem;
    --palabre-min-height: 20rem;
    min-height: var(--palabre-min-height);
    overflow-anchor: none;
    color: var(--palabre-text);
    background: var(--palabre-bg);
    font: inherit;
    line-height: 1.5;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
`

/** Controls, text helpers and the forced-colors fallbacks every part of the widget uses. */
export const base = css`
  * {
    box-sizing: border-box;
  }
  :host {
    display: block;
  }
  p {
    margin: 0 0 0.5em;
  }
  a {
    color: var(--palabre-accent);
    overflow-wrap: anywhere;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    min-height: 1.75rem;
    padding: 0.125rem 0.5rem;
    border: 1px solid transparent;
    border-radius: var(--palabre-radius);
    background: none;
    color: var(--palabre-accent);
    cursor: pointer;
  }
  button:hover {
    text-decoration: underline;
  }
  button[disabled] {
    cursor: default;
    opacity: 0.7;
  }
  .primary {
    padding: 0.375rem 1rem;
    background: var(--palabre-accent);
    color: var(--palabre-on-accent);
    font-weight: 600;
  }
  input,
  select,
  textarea {
    border: 1px solid var(--palabre-muted);
    border-radius: var(--palabre-radius);
    background: var(--palabre-bg);
    padding: 0.375rem 0.5rem;
  }
  :focus-visible {
    outline: 2px solid var(--palabre-accent);
    outline-offset: 2px;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  .muted {
    color: var(--palabre-muted);
    font-size: 0.875em;
  }
  .error {
    color: var(--palabre-danger);
  }
  .notice {
    padding: 0.5rem 0.75rem;
    border-inline-start: 3px solid var(--palabre-accent);
    background: var(--palabre-surface);
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  mark {
    background: var(--palabre-mark);
    color: inherit;
  }
  @media (forced-colors: active) {
    button,
    .notice {
      border: 1px solid ButtonText;
    }
    .primary {
      font-weight: 700;
    }
    mark {
      background: Mark;
      color: MarkText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`
