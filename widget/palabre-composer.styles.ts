import { css } from 'lit'

/** Styles of `<palabre-composer>` (with the shared `base` sheet). */
export const styles = css`
  form {
    display: grid;
    gap: 0.375rem;
  }
  .who {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
  }
  .who label {
    display: grid;
    flex: 1 1 12rem;
  }
  textarea {
    width: 100%;
    min-height: 5.5rem;
    resize: vertical;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .count {
    margin-inline-start: auto;
  }
  .over {
    color: var(--palabre-danger);
  }
  blockquote {
    margin: 0.25rem 0;
    padding: 0.25rem 0.5rem;
    background: var(--palabre-surface);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`
