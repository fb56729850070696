import { css } from 'lit'

/** Styles of `<palabre-thread>` (with the shared `base` sheet). */
export const styles = css`
  section > header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem;
    border-bottom: 2px solid var(--palabre-text);
    margin-bottom: 0.75rem;
  }
  h2 {
    margin: 0;
    font-size: 1.25em;
  }
  h2 span {
    font-weight: 400;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin-top: 1rem;
    padding-bottom: 0.25rem;
    border-bottom: 1px solid var(--palabre-border);
  }
  .list > * + * {
    border-top: 1px solid var(--palabre-border);
  }
  .state {
    padding: 1rem 0;
  }
  .more {
    display: block;
    width: 100%;
    margin-top: 0.75rem;
    border-color: var(--palabre-border);
  }
`
