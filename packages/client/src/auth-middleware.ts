// Both auth headers, on every request, added in one place: openapi-fetch middleware.
import type { Middleware } from 'openapi-fetch';

export function authMiddleware({ appId, apiKey }: { appId: string; apiKey: string }): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('X-App-ID', appId);
      request.headers.set('X-API-Key', apiKey);
      return request;
    },
  };
}
