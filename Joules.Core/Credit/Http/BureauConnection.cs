namespace Joules.Core.Credit.Http;

/// <summary>How one brand reaches one bureau right now, with the clear API key (never log it; <see cref="ToString"/>
/// leaves it out).</summary>
/// <param name="BrandId">The brand.</param>
/// <param name="Bureau">Bureau id.</param>
/// <param name="EndpointUrl">Base URL; requests go to <c>{EndpointUrl}/v1/checks</c>.</param>
/// <param name="ApiKey">The clear API key.</param>
/// <param name="Product">Product asked for when a request names none.</param>
/// <param name="TimeoutSeconds">Timeout of one attempt.</param>
/// <param name="Simulated">True: the demo's bureau simulator, because the brand set up no connection.</param>
public sealed record BureauConnection(Guid BrandId, string Bureau, Uri EndpointUrl, string ApiKey, string Product, int TimeoutSeconds, bool Simulated)
{
    /// <summary>The check endpoint.</summary>
    public Uri ChecksUrl { get; } = new(new Uri(EndpointUrl.AbsoluteUri.EndsWith('/') ? EndpointUrl.AbsoluteUri : EndpointUrl.AbsoluteUri + "/"), BureauWire.ChecksPath);

    /// <inheritdoc />
    public override string ToString() =>
        $"BureauConnection {{ BrandId = {BrandId}, Bureau = {Bureau}, EndpointUrl = {EndpointUrl}, Product = {Product}, TimeoutSeconds = {TimeoutSeconds}, Simulated = {Simulated} }}";
}
