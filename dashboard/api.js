// The admin API client (docs/admin-api.md). Paths are relative to the page (/__connect/),
// so the dashboard calls exactly what the CLI commands call.

export class ApiError extends Error {
  constructor(status, body) {
    const error = body && typeof body === 'object' && body.error ? body.error : {};
    super(error.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = error.code ?? `HTTP_${status}`;
    this.hint = error.hint;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const response = await fetch(`api/${path}`, {
    method,
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      data = { error: { code: `HTTP_${response.status}`, message: text.slice(0, 300) } };
    }
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const enc = encodeURIComponent;
