using System.Diagnostics;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.MarketData;
using Joules.Core.Integration;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.MarketData;

/// <summary>The connection form of a provider's settings page: the API key only when a new one is entered, never the stored one.</summary>
public sealed class MarketDataConnectionForm
{
    /// <summary>Base URL of the provider's endpoint (or adapter).</summary>
    public string EndpointUrl { get; set; } = "";

    /// <summary>A new API key; empty keeps the stored key.</summary>
    public string? NewApiKey { get; set; }

    /// <summary>True when a readable key is stored.</summary>
    public bool HasApiKey { get; set; }

    /// <summary>Timeout of one attempt in seconds (1–60).</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Order in which the brand's providers are asked (1 = first).</summary>
    public int Priority { get; set; } = 1;

    /// <summary>Whether the brand uses the provider.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>True when the brand has a stored connection.</summary>
    public bool Stored { get; set; }

    /// <summary>True when calls of the brand go to the demo's market data simulator (no stored connection).</summary>
    public bool Simulated { get; set; }
}

/// <summary>Whether and in which order a brand asks a provider.</summary>
/// <param name="Provider">Provider code.</param>
/// <param name="Enabled">False: the brand switched the provider off.</param>
/// <param name="Priority">1 = asked first.</param>
/// <param name="Stored">True when the brand has a stored connection (else defaults, the simulator in the demo).</param>
public sealed record MarketDataProviderSetting(string Provider, bool Enabled, int Priority, bool Stored);

/// <summary>The outcome of a connection test: the resolved test location and its duration, or the reason it failed.</summary>
public sealed record MarketDataConnectionTest(MarketLocation? Result, TimeSpan Duration, string? Error, bool Simulated);

/// <summary>Loads and saves a brand's connection to a market data provider (<see cref="MarketDataConnection"/>), with the
/// API key encrypted by <see cref="SecretProtector"/> (purpose <c>Joules.MarketData.&lt;provider&gt;.ApiKey</c>). Without
/// a stored connection the demo's market data simulator is used when the host runs it (never in production).</summary>
public sealed class MarketDataConnections(IDbContextFactory<JoulesDbContext> factory, SecretProtector protector, JsonMarketDataClient client,
    BrandConfigurationCache cache, IExternalServiceSimulators? simulators = null)
{
    /// <summary>The API key the market data simulator accepts.</summary>
    public const string SimulatorApiKey = "demo-market-key";

    /// <summary>Postal code resolved by <see cref="TestAsync"/> (Berlin, ambiguous for power).</summary>
    public const string TestPostalCode = "10115";

    private const string CacheKey = "marketdata.connections";

    /// <summary>Data Protection purpose of a provider's API keys.</summary>
    public static string Purpose(string provider) => $"Joules.MarketData.{provider}.ApiKey";

    /// <summary>The simulator's address for <paramref name="provider"/>, if the host runs the simulators.</summary>
    public Uri? SimulatorUrl(string provider) => simulators?.BaseUrl is { } b ? new Uri(b, $"market-data/{provider}/") : null;

    /// <summary>Every provider's setting for the brand (defaults for providers without a stored connection: enabled, in
    /// the order of <see cref="MarketDataProviders.All"/>).</summary>
    public async Task<IReadOnlyList<MarketDataProviderSetting>> SettingsAsync(Guid brandId, CancellationToken ct = default)
    {
        var stored = await StoredAllAsync(brandId, ct);
        return MarketDataProviders.All.Select((p, i) => stored.FirstOrDefault(c => c.Provider == p.Id) is { } c
                ? new MarketDataProviderSetting(p.Id, c.Enabled, c.Priority, true)
                : new MarketDataProviderSetting(p.Id, true, i + 1, false))
            .ToList();
    }

    /// <summary>The connection calls of <paramref name="brandId"/> to <paramref name="provider"/> use, with the clear key;
    /// the simulator when the brand has none and the host runs it; else null.</summary>
    /// <exception cref="MarketDataUnavailableException">The provider is unknown, or the stored key can no longer be decrypted.</exception>
    public async Task<MarketDataEndpoint?> ForCallAsync(Guid brandId, string provider, CancellationToken ct = default)
    {
        var descriptor = MarketDataProviders.Find(provider) ?? throw new MarketDataUnavailableException(CoreText.Format("MarketData.UnknownProvider", provider));
        var stored = (await StoredAllAsync(brandId, ct)).FirstOrDefault(c => c.Provider == descriptor.Id);
        if (stored is null)
            return SimulatorUrl(descriptor.Id) is { } url ? new MarketDataEndpoint(brandId, descriptor.Id, url, SimulatorApiKey, 10, Simulated: true) : null;
        var key = protector.Unprotect(Purpose(descriptor.Id), stored.ProtectedApiKey)
            ?? throw new MarketDataUnavailableException(CoreText.Format("MarketData.Http.KeyUnreadable", descriptor.Name));
        if (!Uri.TryCreate(stored.EndpointUrl, UriKind.Absolute, out var endpoint))
            throw new MarketDataUnavailableException(CoreText.Format("MarketData.Http.NotConfigured", descriptor.Name));
        return new MarketDataEndpoint(brandId, descriptor.Id, endpoint, key, stored.TimeoutSeconds, Simulated: false);
    }

    /// <summary>The form for the brand's settings page (the key is never loaded into it).</summary>
    public async Task<MarketDataConnectionForm> LoadFormAsync(Guid brandId, string provider, CancellationToken ct = default)
    {
        var descriptor = Descriptor(provider);
        var stored = await StoredAsync(brandId, descriptor.Id, ct);
        if (stored is null)
            return new MarketDataConnectionForm
            {
                TimeoutSeconds = 10, Priority = MarketDataProviders.All.ToList().IndexOf(descriptor) + 1, Enabled = true,
                Simulated = SimulatorUrl(descriptor.Id) is not null,
            };
        return new MarketDataConnectionForm
        {
            EndpointUrl = stored.EndpointUrl, TimeoutSeconds = stored.TimeoutSeconds, Priority = stored.Priority, Enabled = stored.Enabled,
            Stored = true, HasApiKey = protector.Unprotect(Purpose(descriptor.Id), stored.ProtectedApiKey) is not null,
        };
    }

    /// <summary>Saves the brand's connection: validated, the key encrypted; an empty key field keeps the stored key.</summary>
    /// <exception cref="DomainException">A field is invalid (the message names it) or no key is given.</exception>
    public async Task SaveAsync(Guid brandId, string provider, MarketDataConnectionForm form, CancellationToken ct = default)
    {
        var descriptor = Descriptor(provider);
        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = await db.MarketDataConnections.FirstOrDefaultAsync(c => c.BrandId == brandId && c.Provider == descriptor.Id, ct);
        var isNew = connection is null;
        connection ??= MarketDataConnection.Create(brandId, descriptor.Id);
        connection.EndpointUrl = (form.EndpointUrl ?? "").Trim();
        connection.TimeoutSeconds = form.TimeoutSeconds;
        connection.Priority = form.Priority;
        connection.Enabled = form.Enabled;
        var newKey = form.NewApiKey?.Trim();
        if (!string.IsNullOrEmpty(newKey))
        {
            if (newKey.Length > 500) throw new DomainException(CoreText.Get("MarketData.ApiKeyTooLong"), "ApiKey");
            connection.ProtectedApiKey = protector.Protect(Purpose(descriptor.Id), newKey);
        }
        connection.Validate();
        if (protector.Unprotect(Purpose(descriptor.Id), connection.ProtectedApiKey) is null)
            throw new DomainException(CoreText.Format("MarketData.ApiKeyRequired", descriptor.Name), "ApiKey");
        connection.UpdatedAt = DateTimeOffset.UtcNow;
        if (isNew) db.MarketDataConnections.Add(connection);
        await db.SaveChangesAsync(ct);
        form.NewApiKey = null;
        form.HasApiKey = true;
        form.Stored = true;
        form.Simulated = false;
    }

    /// <summary>Removes the brand's connection (calls then go to the simulator in the demo, else the provider is unavailable).</summary>
    public async Task DeleteAsync(Guid brandId, string provider, CancellationToken ct = default)
    {
        var descriptor = Descriptor(provider);
        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = await db.MarketDataConnections.FirstOrDefaultAsync(c => c.BrandId == brandId && c.Provider == descriptor.Id, ct);
        if (connection is null) return;
        db.MarketDataConnections.Remove(connection);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Resolves the test location <see cref="TestPostalCode"/> (power) with the brand's connection (also when the
    /// provider is switched off): the answer and duration, or why it failed.</summary>
    public async Task<MarketDataConnectionTest> TestAsync(Guid brandId, string provider, CancellationToken ct = default)
    {
        var descriptor = Descriptor(provider);
        var started = Stopwatch.GetTimestamp();
        MarketDataEndpoint? endpoint = null;
        try
        {
            endpoint = await ForCallAsync(brandId, descriptor.Id, ct)
                ?? throw new MarketDataUnavailableException(CoreText.Format("MarketData.Http.NotConfigured", descriptor.Name));
            var result = await client.LocateAsync(endpoint, new LocationQuery(TestPostalCode, MarketCommodity.Power), ct);
            return new MarketDataConnectionTest(result, Stopwatch.GetElapsedTime(started), null, endpoint.Simulated);
        }
        catch (Exception e) when (e is MarketDataUnavailableException or MarketDataNotFoundException)
        {
            return new MarketDataConnectionTest(null, Stopwatch.GetElapsedTime(started), e.Message, endpoint?.Simulated ?? false);
        }
    }

    private static MarketDataProvider Descriptor(string provider) =>
        MarketDataProviders.Find(provider) ?? throw new DomainException(CoreText.Format("MarketData.UnknownProvider", provider), "Provider");

    private Task<IReadOnlyList<MarketDataConnection>> StoredAllAsync(Guid brandId, CancellationToken ct) =>
        cache.GetAsync<IReadOnlyList<MarketDataConnection>>(CacheKey, brandId, async c =>
        {
            await using var db = await factory.CreateDbContextAsync(c);
            return await db.MarketDataConnections.AsNoTracking().IgnoreQueryFilters().Where(x => x.BrandId == brandId).ToListAsync(c);
        }, ct);

    private async Task<MarketDataConnection?> StoredAsync(Guid brandId, string provider, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.MarketDataConnections.AsNoTracking().IgnoreQueryFilters()
            .FirstOrDefaultAsync(c => c.BrandId == brandId && c.Provider == provider, ct);
    }
}
