#!/usr/bin/env node
// The `palabre` command. The server is TypeScript run as is (through tsx), so there is no compile
// step between a clone and `npm start`.
import { register } from 'tsx/esm/api'

register()
await import('../server/cli.ts')
