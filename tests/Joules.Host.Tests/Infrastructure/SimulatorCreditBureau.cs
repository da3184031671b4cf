using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Joules.Core.Credit;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Integration;
using Joules.Simulators.Bureaus;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Infrastructure;

/// <summary>A credit bureau for test hosts that asks the host's bureau simulator (Joules.Simulators, started with
/// <c>Joules:Simulators:Enabled</c>) over real HTTP with the bureau JSON of docs/credit-bureaus.md. Stands in for the
/// bureau plugins in tests; <see cref="AddTo"/> is the one place test hosts get their bureaus from.</summary>
public sealed class SimulatorCreditBureau(IExternalServiceSimulators simulators, BureauDescriptor descriptor) : ICreditBureau
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Registers the simulated SCHUFA (Basisscore, persons in DE) as the test host's bureau.</summary>
    public static IServiceCollection AddTo(IServiceCollection services) =>
        services.AddSingleton<ICreditBureau>(sp => new SimulatorCreditBureau(sp.GetRequiredService<IExternalServiceSimulators>(), Bureaus.Schufa));

    public BureauDescriptor Descriptor => descriptor;

    public async Task<BureauResult> CheckAsync(CreditCheckRequest request, CancellationToken ct)
    {
        var baseUrl = simulators.BaseUrl ?? throw new CreditBureauUnavailableException("Simulator nicht gestartet");
        var s = request.Subject;
        var address = s.Address;
        object body = s.Type == CustomerType.Household
            ? new
            {
                product = request.Product, subjectType = "person", reference = request.CheckId.ToString(), depth = Depth(request.Depth),
                person = new
                {
                    salutation = s.Salutation switch { Salutation.Mr => "Herr", Salutation.Ms => "Frau", Salutation.Diverse => "Divers", _ => null },
                    firstName = s.FirstName, lastName = s.LastName, birthDate = s.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    street = address.Street, houseNumber = address.HouseNumber, postalCode = address.PostalCode, city = address.City, country = address.Country,
                },
            }
            : new
            {
                product = request.Product, subjectType = "company", reference = request.CheckId.ToString(), depth = Depth(request.Depth),
                company = new
                {
                    name = s.CompanyName ?? s.LastName, legalForm = s.LegalForm, registerNumber = s.RegisterNumber,
                    street = address.Street, houseNumber = address.HouseNumber, postalCode = address.PostalCode, city = address.City, country = address.Country,
                },
            };
        var requestedAt = DateTimeOffset.UtcNow;
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"bureaus/{descriptor.Id}/v1/checks")) { Content = JsonContent.Create(body) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BureauSimulatorOptions.DemoApiKey);
        string text;
        try
        {
            using var response = await Http.SendAsync(message, ct);
            text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) throw new CreditBureauUnavailableException($"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex) { throw new CreditBureauUnavailableException("nicht erreichbar", ex); }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested) { throw new CreditBureauUnavailableException("Zeitüberschreitung", ex); }
        try
        {
            var json = JsonDocument.Parse(text).RootElement;
            decimal? Decimal(string name) => json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;
            var features = json.TryGetProperty("negativeFeatures", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(f => f.GetProperty("code").GetString() ?? "").Where(c => c.Length > 0).ToList()
                : [];
            var scoreClass = json.TryGetProperty("scoreClass", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return new BureauResult(descriptor.Id, request.Product, Decimal("score"), scoreClass, features, Decimal("probabilityOfDefault"), requestedAt,
                Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))));
        }
        catch (JsonException ex)
        {
            throw new CreditBureauUnavailableException("Antwort nicht lesbar", ex);
        }
    }

    private static string Depth(CreditCheckDepth depth) => depth == CreditCheckDepth.Full ? "full" : "negative-features";
}
