/** Events of the moderation app's elements; all bubble and are composed. */
const init = { bubbles: true, composed: true }

/** `palabre-announce`: a message for the live region (a decision made, an error). */
export class AnnounceEvent extends Event {
  constructor(readonly message: string) {
    super('palabre-announce', init)
  }
}

/** `palabre-counts`: fresh counts of the work queues. */
export class CountsEvent extends Event {
  constructor(readonly counts: { pending: number; reported: number }) {
    super('palabre-counts', init)
  }
}
