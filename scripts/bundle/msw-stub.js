// Stands in for `msw` in the bundle. @labdigital/commercetools-mock imports msw at its top level
// for `mswServer()` / `registerHandlers()`, which intercept fetch inside a test process; the
// emulator serves the mock over real HTTP and never calls them. Loading msw costs about 300 ms of
// CPU and 18 MB at every `connect dev` start, for nothing.
function unavailable() {
  throw new Error('msw is not part of the connect CLI bundle; the local platform is served over HTTP');
}
const stub = new Proxy(unavailable, { get: () => unavailable, apply: unavailable, construct: unavailable });
export const http = stub;
export const HttpResponse = stub;
