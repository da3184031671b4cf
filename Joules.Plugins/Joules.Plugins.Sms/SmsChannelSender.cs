using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Messaging.Sms;
using Microsoft.Extensions.Logging;

namespace Joules.Plugins.Sms;

/// <summary>Delivers outbox SMS through the brand's HTTP gateway (docs/sms.md): the number is normalised to E.164
/// (an unreadable one fails the message for good, with the reason), the message is posted as JSON, 202 gives the
/// gateway's id; 400/401/403 (and other refusals) fail for good, 408/429/5xx and timeouts are retried by the outbox.
/// The API key is never logged.</summary>
public sealed class SmsChannelSender(SmsGatewayResolver gateways, IHttpClientFactory clients, ILogger<SmsChannelSender> log) : IMessageChannelSender
{
    /// <summary>The named HTTP client (10 s timeout, no request logging).</summary>
    public const string HttpClientName = "joules.sms.gateway";

    public MessageChannel Channel => MessageChannel.Sms;

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var gateway = await gateways.ForSendingAsync(message.BrandId, ct) ?? throw new ChannelUnavailableException(MessageChannel.Sms);
        if (!PhoneNumbers.TryNormalize(message.To, gateway.DefaultCountry, out var to, out var error))
            throw new MessageDeliveryException(error, permanent: true);
        if (string.IsNullOrWhiteSpace(message.TextBody))
            throw new MessageDeliveryException("Die SMS hat keinen Text.", permanent: true);

        var body = new SmsWire.SendRequest(gateway.SenderId, to, message.TextBody, message.Id.ToString(),
            gateways.CallbackUrl(gateway, message.BrandId));
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.MessagesUrl)
        {
            Content = JsonContent.Create(body, options: SmsWire.Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new MessageDeliveryException($"Das SMS-Gateway {gateway.BaseUrl.Authority} hat nicht rechtzeitig geantwortet.", permanent: false, e);
        }
        catch (HttpRequestException e)
        {
            throw new MessageDeliveryException($"Das SMS-Gateway {gateway.BaseUrl.Authority} ist nicht erreichbar: {e.Message}", permanent: false, e);
        }

        using (response)
        {
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var accepted = await ReadAsync<SmsWire.SendAccepted>(response, ct);
                message.ProviderMessageId = string.IsNullOrWhiteSpace(accepted?.Id) ? null : accepted.Id.Trim();
                if (message.ProviderMessageId is null)
                    log.LogWarning("SMS gateway {Gateway} accepted outbox message {MessageId} without an id; no delivery report can be matched",
                        gateway.BaseUrl.Authority, message.Id);
                return;
            }
            var reason = (await ReadAsync<SmsWire.ErrorAnswer>(response, ct))?.Error;
            var detail = string.IsNullOrWhiteSpace(reason) ? "" : $": {reason}";
            var text = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                    $"Das SMS-Gateway hat den API-Schlüssel abgelehnt ({code}){detail}. Bitte die SMS-Einstellungen der Marke prüfen.",
                HttpStatusCode.BadRequest => $"Das SMS-Gateway hat die Nachricht abgelehnt ({code}){detail}",
                _ => $"Das SMS-Gateway antwortete mit {code.ToString(CultureInfo.InvariantCulture)}{detail}",
            };
            var transient = MessageDeliveryException.IsTransient(response.StatusCode);
            throw new MessageDeliveryException(text, permanent: !transient);
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct) where T : class
    {
        try { return await response.Content.ReadFromJsonAsync<T>(SmsWire.Json, ct); }
        catch (JsonException) { return null; }
        catch (NotSupportedException) { return null; }   // not JSON
    }
}
