import { css } from 'lit'

/** Styles of `<palabre-report>` (with the shared `base` sheet). */
export const styles = css`
  dialog {
    max-width: min(32rem, calc(100vw - 2rem));
    border: 1px solid var(--palabre-border);
    border-radius: var(--palabre-radius);
    background: var(--palabre-bg);
    color: var(--palabre-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.2em;
  }
  fieldset {
    display: grid;
    gap: 0.125rem;
    margin: 0.75rem 0;
    border: 0;
    padding: 0;
  }
  legend {
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  textarea {
    width: 100%;
  }
  .row {
    display: flex;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
`
