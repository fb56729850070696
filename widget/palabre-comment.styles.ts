import { css } from 'lit'

/** Styles of `<palabre-comment>` (with the shared `base` sheet). */
export const styles = css`
  article {
    padding: 0.75rem 0 0.25rem;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5rem;
  }
  .author {
    font-weight: 700;
  }
  .badge,
  .pending {
    padding: 0 0.375rem;
    border: 1px solid var(--palabre-border);
    border-radius: 1rem;
    font-size: 0.8em;
  }
  .pending {
    border-style: dashed;
  }
  .is-pending .body {
    color: var(--palabre-muted);
  }
  .body {
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-inline-start: -0.5rem;
  }
  .replies {
    margin-inline-start: 0.5rem;
    padding-inline-start: 0.75rem;
    border-inline-start: 2px solid var(--palabre-border);
  }
  @media (min-width: 40rem) {
    .replies {
      margin-inline-start: 1rem;
      padding-inline-start: 1rem;
    }
  }
`
