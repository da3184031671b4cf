namespace Joules.Core.MarketData;

/// <summary>How one brand reaches one market data provider right now, with the clear API key (never log it;
/// <see cref="ToString"/> leaves it out).</summary>
/// <param name="BrandId">The brand.</param>
/// <param name="Provider">Provider code.</param>
/// <param name="EndpointUrl">Base URL; requests go to <c>{EndpointUrl}/v1/…</c>.</param>
/// <param name="ApiKey">The clear API key.</param>
/// <param name="TimeoutSeconds">Timeout of one attempt.</param>
/// <param name="Simulated">True: the demo's market data simulator, because the brand set up no connection.</param>
public sealed record MarketDataEndpoint(Guid BrandId, string Provider, Uri EndpointUrl, string ApiKey, int TimeoutSeconds, bool Simulated)
{
    /// <summary>The base URL with a trailing slash.</summary>
    public Uri BaseUrl => new(EndpointUrl.AbsoluteUri.EndsWith('/') ? EndpointUrl.AbsoluteUri : EndpointUrl.AbsoluteUri + "/");

    /// <inheritdoc />
    public override string ToString() =>
        $"MarketDataEndpoint {{ BrandId = {BrandId}, Provider = {Provider}, EndpointUrl = {EndpointUrl}, TimeoutSeconds = {TimeoutSeconds}, Simulated = {Simulated} }}";
}
