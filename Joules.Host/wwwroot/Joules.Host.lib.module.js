// Blazor JS initializer: marks the moment the circuit is up. The first-paint benchmark stamps it. Browser tests wait for
// the interactive marker of Routes.razor instead: the circuit can be up before its first render batch has arrived.
export function afterServerStarted() {
    window.__blazorServerStarted = true;
}
