import { css } from 'lit'

/** The app's shared sheet: tokens with light and dark values, controls, and forced-colors support. */
export const appStyles = css`
  :host {
    --mod-text: light-dark(#1d1d1f, #e6e7ea);
    --mod-muted: light-dark(#50535a, #b0b4bb);
    --mod-bg: light-dark(#fff, #1b1d21);
    --mod-surface: light-dark(#f4f5f7, #26292e);
    --mod-border: light-dark(#8a8f98, #6b717b);
    --mod-accent: light-dark(#0b57d0, #8ab4f8);
    --mod-on-accent: light-dark(#fff, #0b1d3a);
    --mod-danger: light-dark(#b3261e, #f2b8b5);
    --mod-mark: light-dark(#ffe08a, #6b5200);
    color-scheme: light dark;
    display: block;
    color: var(--mod-text);
    font: 16px/1.5 system-ui, sans-serif;
  }
  * { box-sizing: border-box; }
  a { color: var(--mod-accent); }
  button, input, select, textarea { font: inherit; color: inherit; }
  button {
    border: 1px solid var(--mod-border);
    background: var(--mod-bg);
    border-radius: 0.4rem;
    padding: 0.35rem 0.8rem;
    cursor: pointer;
  }
  button.primary { background: var(--mod-accent); color: var(--mod-on-accent); border-color: var(--mod-accent); }
  button.danger { color: var(--mod-danger); border-color: var(--mod-danger); }
  button[aria-current='page'] { background: var(--mod-accent); color: var(--mod-on-accent); }
  input, select, textarea {
    border: 1px solid var(--mod-border);
    border-radius: 0.4rem;
    padding: 0.35rem 0.5rem;
    background: var(--mod-bg);
    max-width: 100%;
  }
  textarea { width: 100%; min-height: 5rem; }
  :focus-visible { outline: 3px solid var(--mod-accent); outline-offset: 2px; }
  label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
  .small { font-size: 0.875rem; color: var(--mod-muted); }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap;
  }
  .badge {
    display: inline-block; border: 1px solid var(--mod-border); border-radius: 1rem;
    padding: 0 0.5rem; font-size: 0.8rem;
  }
  mark { background: var(--mod-mark); color: inherit; border-bottom: 2px solid currentColor; }
  dialog {
    border: 1px solid var(--mod-border); border-radius: 0.6rem; background: var(--mod-bg);
    color: var(--mod-text); max-width: min(34rem, calc(100vw - 2rem));
  }
  dialog::backdrop { background: rgb(0 0 0 / 0.5); }
  .row { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; margin-top: 0.75rem; }
  @media (forced-colors: active) {
    mark { forced-color-adjust: none; background: Mark; color: MarkText; }
    button[aria-current='page'] { border-width: 3px; }
    .item.current { outline: 3px solid Highlight; }
  }
`
