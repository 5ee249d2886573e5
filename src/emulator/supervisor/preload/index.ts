/**
 * Preloaded into every Node.js process of an application (`NODE_OPTIONS=--require`, bundled as
 * dist/preload/app.cjs by scripts/build.js), so that apps written for the platform run unchanged
 * next to each other. One module per concern; each does nothing unless the emulator's variables
 * ask for it.
 *   port-map: `listen(8080)` lands on the app's assigned `PORT`; the emulator hears when it listens.
 *   host-redirect: https://api|auth.<region>.commercetools.com reach the local commercetools API.
 *   inspect: `connect dev --inspect`: the inspector of the app's own process on its port.
 */
import './port-map.js';
import './host-redirect.js';
import './inspect.js';
