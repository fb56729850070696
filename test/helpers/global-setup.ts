import { buildAssets } from '../../server/cli/build-assets.ts'

/** Builds the widget once before the browser tests load it from the server. */
export default async function setup(): Promise<void> {
  await buildAssets()
}
