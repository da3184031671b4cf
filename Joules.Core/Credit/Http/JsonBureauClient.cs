using Joules.Core.Integration;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Joules.Core.Credit.Http;

/// <summary>Asks a bureau that speaks Joules' own JSON (docs/credit-bureaus.md): <c>POST {endpoint}/v1/checks</c> with
/// <c>Authorization: Bearer</c>, with a per-attempt timeout, retries on transient failures and a circuit breaker per
/// brand × bureau. Every failure becomes a <see cref="CreditBureauUnavailableException"/> with a German reason that
/// names neither the key nor the person. Logs only bureau, product, check id, status code and duration.</summary>
public sealed partial class JsonBureauClient
{
    /// <summary>Name of the HTTP client (its request logging is removed: logs could carry the Authorization header).</summary>
    public const string HttpClientName = "Joules.Credit.Bureaus";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly IHttpClientFactory _factory;
    private readonly ILogger<JsonBureauClient> _logger;
    private readonly TimeProvider _time;
    private readonly ServicePipelines _pipelines;

    /// <summary>Creates the client (a singleton: it keeps the circuit breakers).</summary>
    public JsonBureauClient(IHttpClientFactory factory, ILogger<JsonBureauClient> logger, TimeProvider? time = null)
    {
        _factory = factory;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _pipelines = new ServicePipelines(_time);
    }

    /// <summary>Sends <paramref name="request"/> over <paramref name="connection"/> and returns the bureau's answer as it came.</summary>
    /// <exception cref="CreditBureauUnavailableException">Timeout, refused key, server error, malformed or mismatching
    /// answer, open circuit, or a request the bureau cannot check.</exception>
    public async Task<BureauResult> CheckAsync(BureauConnection connection, CreditCheckRequest request, CancellationToken ct)
    {
        var descriptor = Bureaus.Find(connection.Bureau) ?? throw new CreditBureauUnavailableException(CoreText.Format("Credit.UnknownBureau", connection.Bureau));
        var productId = string.IsNullOrWhiteSpace(request.Product) ? connection.Product : request.Product;
        var product = descriptor.Product(productId)
            ?? throw new CreditBureauUnavailableException(CoreText.Format("Credit.UnknownProduct", productId, descriptor.Name));
        var body = JsonSerializer.SerializeToUtf8Bytes(ToWire(descriptor, product, request), BureauWireJson.Default.BureauWireRequest);

        var requestedAt = _time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(ServiceResilience.AttemptTimeout, TimeSpan.FromSeconds(connection.TimeoutSeconds));
        HttpResponseMessage? response = null;
        try
        {
            var http = _factory.CreateClient(HttpClientName);
            response = await _pipelines.For(connection.BrandId, descriptor.Id).ExecuteAsync(static async (ctx, state) =>
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, state.connection.ChecksUrl);
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", state.connection.ApiKey);
                var content = new ByteArrayContent(state.body);
                content.Headers.ContentType = JsonContentType;
                message.Content = content;
                return await state.http.SendAsync(message, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken).ConfigureAwait(false);
            }, context, (http, connection, body)).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && Reason(e, descriptor, connection) is { } reason)
        {
            LogFailed(descriptor.Id, product.Id, request.CheckId, null, Elapsed(started), reason);
            throw new CreditBureauUnavailableException(reason, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var elapsed = Elapsed(started);
            if (!response.IsSuccessStatusCode)
            {
                var reason = StatusReason(response.StatusCode, descriptor);
                LogFailed(descriptor.Id, product.Id, request.CheckId, status, elapsed, reason);
                throw new CreditBureauUnavailableException(reason);
            }
            var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            try
            {
                var result = ToResult(bytes, descriptor, product, requestedAt);
                LogAnswered(descriptor.Id, product.Id, request.CheckId, status, elapsed);
                return result;
            }
            catch (CreditBureauUnavailableException e)
            {
                LogFailed(descriptor.Id, product.Id, request.CheckId, status, elapsed, e.Message);
                throw;
            }
        }
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>The wire body for <paramref name="request"/>.</summary>
    /// <exception cref="CreditBureauUnavailableException">The product does not check this kind of subject, or the
    /// bureau does not serve the subject's country.</exception>
    public static BureauWireRequest ToWire(BureauDescriptor descriptor, BureauProduct product, CreditCheckRequest request)
    {
        var subject = request.Subject;
        var company = subject.Type == CustomerType.Business;
        if (company ? !product.Companies : !product.Persons)
            throw new CreditBureauUnavailableException(CoreText.Format("Credit.Http.SubjectNotChecked", descriptor.Name, product.Name));
        var address = subject.Address;
        var country = string.IsNullOrWhiteSpace(address.Country) ? "DE" : address.Country.Trim().ToUpperInvariant();
        if (!descriptor.Countries.Contains(country))
            throw new CreditBureauUnavailableException(CoreText.Format("Credit.Http.CountryNotServed", descriptor.Name, country));
        var wire = new BureauWireRequest
        {
            Product = product.Id,
            SubjectType = company ? BureauWire.Company : BureauWire.Person,
            Reference = request.CheckId.ToString("N"),
            Depth = request.Depth == CreditCheckDepth.Full ? BureauWire.DepthFull : BureauWire.DepthNegativeFeatures,
        };
        if (company)
            wire.Company = new BureauWireCompany(subject.CompanyName is { Length: > 0 } name ? name : subject.LastName, subject.LegalForm,
                subject.RegisterNumber, Blank(address.Street), Blank(address.HouseNumber), Blank(address.PostalCode), Blank(address.City), country);
        else
            wire.Person = new BureauWirePerson(subject.Salutation switch
                {
                    Salutation.Mr => "Herr",
                    Salutation.Ms => "Frau",
                    Salutation.Diverse => "Divers",
                    _ => null,
                }, Blank(subject.FirstName), subject.LastName, subject.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Blank(address.Street), Blank(address.HouseNumber), Blank(address.PostalCode), Blank(address.City), country);
        return wire;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Reads a <c>200</c> body into a result and checks it against the request's bureau and product and the
    /// product's scale.</summary>
    internal static BureauResult ToResult(byte[] bytes, BureauDescriptor descriptor, BureauProduct product, DateTimeOffset requestedAt)
    {
        BureauWireAnswer? answer;
        try { answer = JsonSerializer.Deserialize(bytes, BureauWireJson.Default.BureauWireAnswer); }
        catch (JsonException) { answer = null; }
        if (answer is null) throw new CreditBureauUnavailableException(CoreText.Format("Credit.Http.Malformed", descriptor.Name));
        if (!string.Equals(answer.Bureau, descriptor.Id, StringComparison.Ordinal) || !string.Equals(answer.Product, product.Id, StringComparison.Ordinal))
            throw new CreditBureauUnavailableException(CoreText.Format("Credit.Http.Mismatch", descriptor.Name));
        if (answer.Score is { } score && !product.Scale.Contains(score))
            throw new CreditBureauUnavailableException(CoreText.Format("Credit.Http.OutsideScale", descriptor.Name, score, product.Scale.Min, product.Scale.Max));
        var codes = (answer.NegativeFeatures ?? []).Select(f => f.Code?.Trim()).Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).Distinct().ToList();
        return new BureauResult(descriptor.Id, product.Id, answer.Score, string.IsNullOrWhiteSpace(answer.ScoreClass) ? null : answer.ScoreClass,
            codes, answer.ProbabilityOfDefault, requestedAt, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static string? Reason(Exception e, BureauDescriptor descriptor, BureauConnection connection) => e switch
    {
        TimeoutRejectedException => CoreText.Format("Credit.Http.Timeout", descriptor.Name, connection.TimeoutSeconds),
        BrokenCircuitException => CoreText.Format("Credit.Http.CircuitOpen", descriptor.Name),
        HttpRequestException => CoreText.Format("Credit.Http.NoConnection", descriptor.Name),
        CreditBureauUnavailableException u => u.Message,
        OperationCanceledException => CoreText.Format("Credit.Http.Timeout", descriptor.Name, connection.TimeoutSeconds),
        _ => CoreText.Format("Credit.Http.Failed", descriptor.Name),
    };

    private static string StatusReason(HttpStatusCode status, BureauDescriptor descriptor)
    {
        var code = (int)status;
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => CoreText.Format("Credit.Http.KeyRefused", descriptor.Name, code),
            HttpStatusCode.NotFound => CoreText.Format("Credit.Http.NotFound", descriptor.Name),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => CoreText.Format("Credit.Http.BadRequest", descriptor.Name, code),
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => CoreText.Format("Credit.Http.Busy", descriptor.Name, code),
            _ when code >= 500 => CoreText.Format("Credit.Http.ServerError", descriptor.Name, code),
            _ => CoreText.Format("Credit.Http.Status", descriptor.Name, code),
        };
    }

    [LoggerMessage(1, LogLevel.Information, "Credit check {CheckId} at {Bureau}/{Product}: {StatusCode} in {DurationMs} ms")]
    private partial void LogAnswered(string bureau, string product, Guid checkId, int statusCode, long durationMs);

    [LoggerMessage(2, LogLevel.Warning, "Credit check {CheckId} at {Bureau}/{Product} failed after {DurationMs} ms (status {StatusCode}): {Reason}")]
    private partial void LogFailed(string bureau, string product, Guid checkId, int? statusCode, long durationMs, string reason);
}
