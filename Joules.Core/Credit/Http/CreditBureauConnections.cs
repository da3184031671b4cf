using System.Diagnostics;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Integration;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Credit.Http;

/// <summary>The connection form of a bureau's settings page: the API key only when a new one is entered, never the stored one.</summary>
public sealed class CreditBureauConnectionForm
{
    /// <summary>Base URL of the bureau's endpoint (or adapter).</summary>
    public string EndpointUrl { get; set; } = "";

    /// <summary>A new API key; empty keeps the stored key.</summary>
    public string? NewApiKey { get; set; }

    /// <summary>True when a readable key is stored.</summary>
    public bool HasApiKey { get; set; }

    /// <summary>Product asked for by default.</summary>
    public string Product { get; set; } = "";

    /// <summary>Timeout of one attempt in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>True when the brand has a stored connection (else the form shows defaults or the simulator).</summary>
    public bool Stored { get; set; }

    /// <summary>True when checks of the brand go to the demo's bureau simulator (no stored connection).</summary>
    public bool Simulated { get; set; }
}

/// <summary>The outcome of a connection test: the answer and its duration, or the reason it failed.</summary>
public sealed record CreditBureauConnectionTest(BureauResult? Result, TimeSpan Duration, string? Error, bool Simulated);

/// <summary>Loads and saves a brand's connection to a bureau (<see cref="CreditBureauConnection"/>), with the API key
/// encrypted by <see cref="SecretProtector"/> (purpose <c>Joules.Credit.&lt;bureau&gt;.ApiKey</c>). Without a stored
/// connection the demo's bureau simulator is used when the host runs it (never in production).</summary>
public sealed class CreditBureauConnections(IDbContextFactory<JoulesDbContext> factory, SecretProtector protector, JsonBureauClient client,
    BrandConfigurationCache cache, IExternalServiceSimulators? simulators = null)
{
    /// <summary>The API key the bureau simulator accepts.</summary>
    public const string SimulatorApiKey = "demo-bureau-key";

    /// <summary>Last name of the documented test person used by <see cref="TestAsync"/> (best band at every bureau).</summary>
    public const string TestPersonName = "Bestens";

    /// <summary>Data Protection purpose of a bureau's API keys.</summary>
    public static string Purpose(string bureauId) => $"Joules.Credit.{bureauId}.ApiKey";

    /// <summary>The bureau simulator's address for <paramref name="bureauId"/>, if the host runs the simulators.</summary>
    public Uri? SimulatorUrl(string bureauId) => simulators?.BaseUrl is { } b ? new Uri(b, $"bureaus/{bureauId}") : null;

    /// <summary>The connection checks of <paramref name="brandId"/> at <paramref name="bureauId"/> use, with the clear
    /// key; the simulator when the brand has none and the host runs it; else null.</summary>
    /// <exception cref="CreditBureauUnavailableException">The stored key can no longer be decrypted.</exception>
    public async Task<BureauConnection?> ForCheckAsync(Guid brandId, string bureauId, CancellationToken ct = default)
    {
        var descriptor = Bureaus.Find(bureauId) ?? throw new CreditBureauUnavailableException(CoreText.Format("Credit.UnknownBureau", bureauId));
        var stored = await cache.GetAsync("credit.connection." + bureauId, brandId, c => StoredAsync(brandId, bureauId, c), ct);
        if (stored is null)
            return SimulatorUrl(bureauId) is { } url
                ? new BureauConnection(brandId, bureauId, url, SimulatorApiKey, descriptor.Products[0].Id, 10, Simulated: true)
                : null;
        var key = protector.Unprotect(Purpose(bureauId), stored.ProtectedApiKey)
            ?? throw new CreditBureauUnavailableException(CoreText.Format("Credit.Http.KeyUnreadable", descriptor.Name));
        if (!Uri.TryCreate(stored.EndpointUrl, UriKind.Absolute, out var endpoint))
            throw new CreditBureauUnavailableException(CoreText.Format("Credit.Http.NotConfigured", descriptor.Name));
        return new BureauConnection(brandId, bureauId, endpoint, key, stored.Product, stored.TimeoutSeconds, Simulated: false);
    }

    /// <summary>The form for the brand's settings page (the key is never loaded into it).</summary>
    public async Task<CreditBureauConnectionForm> LoadFormAsync(Guid brandId, string bureauId, CancellationToken ct = default)
    {
        var descriptor = Bureaus.Find(bureauId) ?? throw new DomainException(CoreText.Format("Credit.UnknownBureau", bureauId), "Bureau");
        var stored = await StoredAsync(brandId, bureauId, ct);
        if (stored is null)
            return new CreditBureauConnectionForm
            {
                Product = descriptor.Products[0].Id, TimeoutSeconds = 10, Simulated = SimulatorUrl(bureauId) is not null,
            };
        return new CreditBureauConnectionForm
        {
            EndpointUrl = stored.EndpointUrl, Product = stored.Product, TimeoutSeconds = stored.TimeoutSeconds, Stored = true,
            HasApiKey = protector.Unprotect(Purpose(bureauId), stored.ProtectedApiKey) is not null,
        };
    }

    /// <summary>Saves the brand's connection: validated, the key encrypted; an empty key field keeps the stored key.</summary>
    /// <exception cref="DomainException">A field is invalid (the message names it) or no key is given.</exception>
    public async Task SaveAsync(Guid brandId, string bureauId, CreditBureauConnectionForm form, CancellationToken ct = default)
    {
        var descriptor = Bureaus.Find(bureauId) ?? throw new DomainException(CoreText.Format("Credit.UnknownBureau", bureauId), "Bureau");
        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = await db.CreditBureauConnections.FirstOrDefaultAsync(c => c.BrandId == brandId && c.Bureau == bureauId, ct);
        var isNew = connection is null;
        connection ??= CreditBureauConnection.Create(brandId, bureauId);
        connection.EndpointUrl = (form.EndpointUrl ?? "").Trim();
        connection.Product = (form.Product ?? "").Trim();
        connection.TimeoutSeconds = form.TimeoutSeconds;
        var newKey = form.NewApiKey?.Trim();
        if (!string.IsNullOrEmpty(newKey))
        {
            if (newKey.Length > 500) throw new DomainException(CoreText.Get("Credit.ApiKeyTooLong"), "ApiKey");
            connection.ProtectedApiKey = protector.Protect(Purpose(bureauId), newKey);
        }
        connection.Validate();
        if (protector.Unprotect(Purpose(bureauId), connection.ProtectedApiKey) is null)
            throw new DomainException(CoreText.Format("Credit.ApiKeyRequired", descriptor.Name), "ApiKey");
        connection.UpdatedAt = DateTimeOffset.UtcNow;
        if (isNew) db.CreditBureauConnections.Add(connection);
        await db.SaveChangesAsync(ct);
        form.NewApiKey = null;
        form.HasApiKey = true;
        form.Stored = true;
        form.Simulated = false;
    }

    /// <summary>Removes the brand's connection (checks then go to the simulator in the demo, else they are unavailable).</summary>
    public async Task DeleteAsync(Guid brandId, string bureauId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = await db.CreditBureauConnections.FirstOrDefaultAsync(c => c.BrandId == brandId && c.Bureau == bureauId, ct);
        if (connection is null) return;
        db.CreditBureauConnections.Remove(connection);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Checks the documented test person <see cref="TestPersonName"/> (a company "Bestens GmbH" for company
    /// products) with the brand's connection and product: the answer and duration, or why it failed.</summary>
    public async Task<CreditBureauConnectionTest> TestAsync(Guid brandId, string bureauId, CancellationToken ct = default)
    {
        var descriptor = Bureaus.Find(bureauId) ?? throw new DomainException(CoreText.Format("Credit.UnknownBureau", bureauId), "Bureau");
        var started = Stopwatch.GetTimestamp();
        BureauConnection? connection = null;
        try
        {
            connection = await ForCheckAsync(brandId, bureauId, ct)
                ?? throw new CreditBureauUnavailableException(CoreText.Format("Credit.Http.NotConfigured", descriptor.Name));
            var product = descriptor.Product(connection.Product) ?? descriptor.Products[0];
            var result = await client.CheckAsync(connection, TestRequest(descriptor, product, brandId), ct);
            return new CreditBureauConnectionTest(result, Stopwatch.GetElapsedTime(started), null, connection.Simulated);
        }
        catch (CreditBureauUnavailableException e)
        {
            return new CreditBureauConnectionTest(null, Stopwatch.GetElapsedTime(started), e.Message, connection?.Simulated ?? false);
        }
    }

    /// <summary>A check of the test person at <paramref name="product"/> (a company when the product checks no persons).</summary>
    public static CreditCheckRequest TestRequest(BureauDescriptor descriptor, BureauProduct product, Guid brandId)
    {
        var country = descriptor.Countries[0];
        var address = country == "AT"
            ? new Address { Street = "Ring", HouseNumber = "7", PostalCode = "1010", City = "Wien", Country = "AT" }
            : new Address { Street = "Hauptstraße", HouseNumber = "1", PostalCode = "10115", City = "Berlin", Country = "DE" };
        var subject = product.Persons
            ? new CreditSubject(CustomerType.Household, Salutation.Ms, "Erika", TestPersonName, null, new DateOnly(1980, 4, 12), address)
            : new CreditSubject(CustomerType.Business, Salutation.Company, null, TestPersonName, TestPersonName + " GmbH", null, address)
                { LegalForm = "GmbH" };
        return new CreditCheckRequest(Guid.NewGuid(), brandId, product.Id, CreditCheckDepth.Full, subject);
    }

    private async Task<CreditBureauConnection?> StoredAsync(Guid brandId, string bureauId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CreditBureauConnections.AsNoTracking().IgnoreQueryFilters()
            .FirstOrDefaultAsync(c => c.BrandId == brandId && c.Bureau == bureauId, ct);
    }
}
