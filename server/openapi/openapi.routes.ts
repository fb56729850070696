import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { openApiDocument } from './openapi.document.ts'

/** `GET /api/v1/openapi.json`: the machine-readable contract of every route. */
export const openApiRoutes = new Hono<AppEnv>().get('/openapi.json', (c) => {
  c.header('Access-Control-Allow-Origin', '*')
  return c.json(openApiDocument(c.get('deps').publicUrl))
})
