// Blazor JS initializer: browser tests wait for this flag before clicking, because clicks
// on the prerendered page before the circuit is up are lost.
export function afterServerStarted() {
    window.__blazorServerStarted = true;
}
