/**
 * JSON in the page origin's localStorage. Storage can be unavailable (blocked cookies, private
 * modes, full quota): then values live in memory for the page's lifetime, which keeps the widget
 * working and only loses persistence across reloads.
 */
const memory = new Map<string, string>()

function store(): Storage | null {
  try {
    return window.localStorage
  } catch {
    // Access itself throws when the browser blocks storage for this page: fall back to memory.
    return null
  }
}

/** The value stored under `key`, or null. */
export function load<T>(key: string): T | null {
  const raw = store()?.getItem(key) ?? memory.get(key)
  if (raw == null) return null
  try {
    return JSON.parse(raw) as T
  } catch {
    // A value we did not write (or a corrupted one) is as good as none.
    return null
  }
}

/** Stores `value` under `key`; null or '' removes it. */
export function save(key: string, value: unknown) {
  const s = store()
  if (value == null || value === '') {
    memory.delete(key)
    s?.removeItem(key)
    return
  }
  const raw = JSON.stringify(value)
  memory.set(key, raw)
  try {
    s?.setItem(key, raw)
  } catch {
    // Quota exceeded: the memory copy above still serves this page.
  }
}
